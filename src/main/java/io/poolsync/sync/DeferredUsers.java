package io.poolsync.sync;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import io.poolsync.model.DesiredUser;

/**
 * The source users the planner can decide only once the whole source is read (users to create, and those whose match
 * key another source user may claim), written to a temporary file as the scan goes, so a million-user initial sync
 * never holds its source in memory. Read back once, after the scan; deleted on close. Thread-safe for writing.
 */
final class DeferredUsers implements AutoCloseable {

    private final Path file;
    private final DataOutputStream out;
    private long count;

    DeferredUsers() {
        try {
            file = Files.createTempFile("poolsync-deferred-", ".bin");
            out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16));
        } catch (IOException e) {
            throw new UncheckedIOException("can't create the file for deferred users", e);
        }
    }

    synchronized void add(DesiredUser user) {
        try {
            out.writeUTF(user.sourceUsername());
            out.writeUTF(user.sourceSub());
            out.writeUTF(user.sourceStatus());
            out.writeBoolean(user.enabled());
            out.writeLong(user.sourceCreatedAt().getEpochSecond());
            out.writeInt(user.sourceCreatedAt().getNano());
            out.writeInt(user.attributes().size());
            for (Map.Entry<String, String> attribute : user.attributes().entrySet()) {
                out.writeUTF(attribute.getKey());
                writeValue(attribute.getValue());
            }
            out.writeInt(user.groups().size());
            for (String group : user.groups()) {
                out.writeUTF(group);
            }
            count++;
        } catch (IOException e) {
            throw new UncheckedIOException("can't write to " + file, e);
        }
    }

    synchronized long count() {
        return count;
    }

    /** Every user added, in the order added. */
    synchronized void forEach(Consumer<DesiredUser> sink) {
        try {
            out.flush();
            try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
                for (long read = 0; read < count; read++) {
                    sink.accept(readUser(in));
                }
            }
        } catch (EOFException e) {
            throw new IllegalStateException(file + " ended early", e);
        } catch (IOException e) {
            throw new UncheckedIOException("can't read " + file, e);
        }
    }

    private static DesiredUser readUser(DataInputStream in) throws IOException {
        String username = in.readUTF();
        String sub = in.readUTF();
        String status = in.readUTF();
        boolean enabled = in.readBoolean();
        Instant createdAt = Instant.ofEpochSecond(in.readLong(), in.readInt());
        Map<String, String> attributes = new HashMap<>();
        for (int i = in.readInt(); i > 0; i--) {
            attributes.put(in.readUTF(), readValue(in));
        }
        Set<String> groups = new HashSet<>();
        for (int i = in.readInt(); i > 0; i--) {
            groups.add(in.readUTF());
        }
        return new DesiredUser(username, sub, status, enabled, attributes, groups, createdAt);
    }

    /** Values go with their length in bytes: writeUTF stops at 64 KB. */
    private void writeValue(String value) throws IOException {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static String readValue(DataInputStream in) throws IOException {
        byte[] bytes = new byte[in.readInt()];
        in.readFully(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Override
    public synchronized void close() {
        try {
            out.close();
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("can't delete " + file, e);
        }
    }
}
