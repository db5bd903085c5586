package io.poolsync.bulk;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Import lines written to temporary files as they come, a new file whenever the next line would take one past a job's
 * limits, so a million users never sit in memory. Each file starts with the header. Deleted on close.
 */
final class CsvSpool implements AutoCloseable {

    /** One file: one import job. */
    record SpoolFile(Path path, int users, long bytes) {
    }

    private final String header;
    private final long headerBytes;
    private final int maxUsers;
    private final long maxBytes;
    private final Path directory;
    private final List<SpoolFile> files = new ArrayList<>();
    private BufferedWriter writer;
    private Path current;
    private int users;
    private long bytes;

    CsvSpool(String header, int maxUsers, long maxBytes) {
        this.header = header;
        this.headerBytes = lineBytes(header);
        this.maxUsers = maxUsers;
        this.maxBytes = maxBytes;
        try {
            this.directory = Files.createTempDirectory("poolsync-import-");
        } catch (IOException e) {
            throw new UncheckedIOException("no room for the import files in " + System.getProperty("java.io.tmpdir"), e);
        }
    }

    /** Whether a line fits in a file of its own at all; one that doesn't can't be imported. */
    static boolean fits(String header, String line, long maxBytes) {
        return lineBytes(header) + lineBytes(line) <= maxBytes;
    }

    void add(String line) {
        long size = lineBytes(line);
        try {
            if (writer == null || users == maxUsers || bytes + size > maxBytes) {
                rotate();
            }
            writer.write(line);
            writer.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + current, e);
        }
        users++;
        bytes += size;
    }

    /** Closes the last file; the files, in order. */
    List<SpoolFile> finish() {
        try {
            closeCurrent();
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + current, e);
        }
        return List.copyOf(files);
    }

    private void rotate() throws IOException {
        closeCurrent();
        current = directory.resolve(String.format("users-%04d.csv", files.size() + 1));
        // UTF-8 without a byte order mark, as Cognito requires.
        writer = Files.newBufferedWriter(current, StandardCharsets.UTF_8);
        writer.write(header);
        writer.write('\n');
        users = 0;
        bytes = headerBytes;
    }

    private void closeCurrent() throws IOException {
        if (writer != null) {
            writer.close();
            files.add(new SpoolFile(current, users, bytes));
            writer = null;
        }
    }

    private static long lineBytes(String line) {
        return line.getBytes(StandardCharsets.UTF_8).length + 1L;
    }

    @Override
    public void close() {
        try {
            if (writer != null) {
                writer.close();
            }
            try (var paths = Files.list(directory)) {
                for (Path path : paths.toList()) {
                    Files.deleteIfExists(path);
                }
            }
            Files.deleteIfExists(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("removing the import files in " + directory, e);
        }
    }
}
