package io.poolsync.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;

/**
 * cognito-local, the third-party Cognito emulator pinned in package.json, run as a child process on a free port, with a
 * data directory of its own. Test classes share one per test JVM ({@link #shared()}) and each creates pools of its own
 * in it, so they never see each other's pools.
 */
public final class CognitoLocal implements AutoCloseable {

    private static final Duration START_DEADLINE = Duration.ofSeconds(60);

    /**
     * Where the test JVM's cognito-local is written down ("pid|data directory|endpoint"): system properties outlive the
     * class loaders Quarkus loads this class in again for each application it starts.
     */
    private static final String SHARED = "test.cognito-local.shared";

    private final Process process;
    private final Path workDir;
    private final URI endpoint;

    private CognitoLocal(Process process, Path workDir, URI endpoint) {
        this.process = process;
        this.workDir = workDir;
        this.endpoint = endpoint;
    }

    /**
     * The test JVM's cognito-local, started on first use and stopped when the JVM exits: a start is a Node.js process
     * and about a second of CPU, which each test class used to pay. Closing what this returns does nothing.
     */
    public static synchronized CognitoLocal shared() {
        String[] running = System.getProperty(SHARED, "").split("\\|");
        if (running.length != 3
                || !ProcessHandle.of(Long.parseLong(running[0])).map(ProcessHandle::isAlive).orElse(false)) {
            CognitoLocal started = start();
            Runtime.getRuntime().addShutdownHook(new Thread(started::close));
            running = new String[] {Long.toString(started.process.pid()), started.workDir.toString(),
                    started.endpoint.toString()};
            System.setProperty(SHARED, String.join("|", running));
        }
        return new CognitoLocal(null, Path.of(running[1]), URI.create(running[2]));
    }

    public static CognitoLocal start() {
        Path entry = projectRoot().resolve("node_modules/cognito-local/lib/bin/start.js");
        if (!Files.isRegularFile(entry)) {
            throw new IllegalStateException("cognito-local is not installed at " + entry + ": run `npm ci` (the Maven build does)");
        }
        try {
            Path workDir = Files.createTempDirectory("cognito-local");
            Path configDir = Files.createDirectories(workDir.resolve(".cognito"));
            // cognito-local makes every new pool sign in by email unless told otherwise; tests choose per pool.
            Files.writeString(configDir.resolve("config.json"), "{\"UserPoolDefaults\":{\"UsernameAttributes\":[]}}");
            int port = freePort();
            ProcessBuilder builder = new ProcessBuilder("node", entry.toString())
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(workDir.resolve("cognito-local.log").toFile());
            builder.environment().put("PORT", Integer.toString(port));
            builder.environment().put("HOST", "127.0.0.1");
            Process process = builder.start();
            CognitoLocal local = new CognitoLocal(process, workDir, URI.create("http://127.0.0.1:" + port));
            local.awaitListening(port);
            return local;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public URI endpoint() {
        return endpoint;
    }

    /**
     * The passwords cognito-local stores for a pool's users, read from its data file: the only way a test can learn
     * the secrets poolsync set, to prove they appear nowhere else.
     */
    public Map<String, String> storedPasswords(String poolId) {
        try {
            // The data file may carry trailing bytes from a shorter rewrite; the first JSON value is the pool.
            JsonNode users = new ObjectMapper().readTree(workDir.resolve(".cognito/db/" + poolId + ".json").toFile()).path("Users");
            Map<String, String> passwords = new HashMap<>();
            users.fields().forEachRemaining(user -> passwords.put(user.getKey(), user.getValue().path("Password").asText()));
            return passwords;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The bytes cognito-local holds for a pool: equal bytes mean nothing in the pool was written. */
    public byte[] poolFileBytes(String poolId) {
        try {
            return Files.readAllBytes(workDir.resolve(".cognito/db/" + poolId + ".json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public CognitoIdentityProviderClient client() {
        return CognitoIdentityProviderClient.builder()
                .endpointOverride(endpoint)
                .region(Region.of("local"))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(ApacheHttpClient.create())
                .build();
    }

    private void awaitListening(int port) throws IOException {
        Instant deadline = Instant.now().plus(START_DEADLINE);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("cognito-local exited with " + process.exitValue() + ": "
                        + Files.readString(workDir.resolve("cognito-local.log")));
            }
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                pause();
            }
        }
        close();
        throw new IllegalStateException("cognito-local did not listen on port " + port + " within " + START_DEADLINE);
    }

    private static void pause() {
        try {
            Thread.sleep(50); // polling interval while waiting on the deadline, not synchronisation
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static Path projectRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("package.json"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no package.json above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }

    @Override
    public void close() {
        if (process == null) {
            return; // the shared one: stopped when the JVM exits
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(workDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
