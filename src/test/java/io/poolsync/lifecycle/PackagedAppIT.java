package io.poolsync.lifecycle;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.poolsync.fake.FakeCognito;
import io.poolsync.fake.FakeUserView;
import io.poolsync.testing.Poll;
import io.poolsync.testing.TestConfig;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeDataType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.SchemaAttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserStatusType;

/**
 * The packaged application (target/quarkus-app) run as a process against the quota-faithful fake, as Kubernetes runs
 * it: {@code poolsync.exit-after-run} exits with the run's outcome, and SIGTERM during a run finishes the writes in
 * flight, starts no new ones, and records the run INTERRUPTED with its counts.
 */
// Each test launches and watches its own fake and process: they run side by side (see the failsafe plugin's settings).
@Execution(ExecutionMode.CONCURRENT)
class PackagedAppIT {

    static final Path APP = Path.of("target/quarkus-app/quarkus-run.jar");
    static final String TOKEN = "it-token-5c1e";
    static final Duration EXIT_DEADLINE = Duration.ofMinutes(2);

    FakeCognito fake;
    Process app;
    Path log;

    @AfterEach
    void stop() {
        if (app != null && app.isAlive()) {
            app.destroyForcibly();
        }
        if (fake != null) {
            fake.close();
        }
    }

    @Test
    void exitAfterRunExitsZeroWhenTheRunSucceedsWithAStructuredSummary() throws Exception {
        fake = FakeCognito.start();
        // Both pools with the owner-mark attribute poolsync requires.
        String source = fake.seedPool("source", "source_sub");
        String target = fake.seedPool("target", "source_sub");
        seedUsers(source, 20, true);

        app = launch("exit-zero", source, target, Map.of("poolsync.exit-after-run", "true",
                "poolsync.schedule.run-on-start", "false", "quarkus.log.console.json.enabled", "true"));

        assertThat(awaitExit()).isZero();
        assertThat(fake.userCount(target)).isEqualTo(20);
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(log)) {
            lines.add(json.readTree(line));
        }
        JsonNode summary = lines.stream().filter(line -> line.path("message").asText().startsWith("run finished "))
                .findFirst().orElseThrow(() -> new AssertionError("no summary line in " + log));
        assertThat(summary.path("mdc").path("phase").asText()).isEqualTo("DONE");
        assertThat(summary.path("mdc").path("trigger").asText()).isEqualTo("STARTUP");
        assertThat(summary.path("mdc").path("created").asText()).isEqualTo("20");
        assertThat(lines).anySatisfy(line -> assertThat(line.path("message").asText())
                .contains("poolsync.exit-after-run", "exiting with status 0"));
    }

    @Test
    void exitAfterRunExitsTwoWhenUsersFailed() throws Exception {
        fake = FakeCognito.start();
        // Both pools with the owner-mark attribute poolsync requires.
        String source = fake.seedPool("source", "source_sub");
        // The target requires an email; the source user without one can't be created there.
        String target = fake.client().createUserPool(r -> r.poolName("target").schema(
                SchemaAttributeType.builder().name("email").attributeDataType(AttributeDataType.STRING).required(true)
                        .mutable(true).build(),
                SchemaAttributeType.builder().name("source_sub").attributeDataType(AttributeDataType.STRING)
                        .mutable(false).build())).userPool().id();
        seedUsers(source, 5, true);
        fake.seedUser(source, "no-email", Map.of("given_name", "Nomail"), true, UserStatusType.CONFIRMED);

        app = launch("exit-two", source, target, Map.of("poolsync.exit-after-run", "true"));

        assertThat(awaitExit()).isEqualTo(2);
        assertThat(fake.userCount(target)).isEqualTo(5);
        assertThat(output()).contains("exiting with status 2");
    }

    @Test
    void sigtermDuringARunFinishesTheWritesInFlightAndRecordsTheRunInterrupted() throws Exception {
        int users = 400;
        fake = FakeCognito.builder().latency(Duration.ofMillis(25)).start();
        // Both pools with the owner-mark attribute poolsync requires.
        String source = fake.seedPool("source", "source_sub");
        String target = fake.seedPool("target", "source_sub");
        seedUsers(source, users, true);
        int port = freePort();
        app = launch("sigterm", source, target, Map.of(
                "quarkus.http.port", Integer.toString(port),
                "quarkus.shutdown.timeout", "20s",
                "poolsync.apply.concurrency", "2",
                // The schedule fires every second: it must not start a run while poolsync shuts down.
                "poolsync.schedule.cron", "* * * * * ?",
                "poolsync.progress.log-interval", "1s"));

        // A progress line, with Cognito's estimate as total and an ETA, comes a log interval into the run, which on a busy
        // machine may be after the 40th user.
        Pattern progressLine = Pattern.compile("source scanned \\d+/~?" + users + " at [0-9.]+/s.*ETA \\d");
        Poll.until(Duration.ofMinutes(1), () -> {
            Integer created = created(port);
            return created != null && created >= 40 && progressLine.matcher(output()).find();
        }, Boolean::booleanValue, "the run to have created 40 users and logged a progress line");
        Instant sigterm = Instant.now();
        app.destroy(); // SIGTERM
        int status = awaitExit();
        Duration stopping = Duration.between(sigterm, Instant.now());

        String output = output();
        assertThat(stopping).as("shutdown within quarkus.shutdown.timeout").isLessThan(Duration.ofSeconds(20));
        assertThat(output).containsPattern("shutting down: run \\S+ starts no new writes");
        // Started at start-up or by the first tick of the schedule, whichever came first; only one may start.
        Matcher summary = Pattern.compile("run finished runId=\\S+ trigger=\\S+ phase=INTERRUPTED .* created=(\\d+) .*"
                + "failed=0 .*error=\"stopped by shutdown").matcher(output);
        assertThat(summary.find()).as("an INTERRUPTED summary line in\n" + output).isTrue();
        int created = Integer.parseInt(summary.group(1));
        assertThat(created).isBetween(40, users - 1);
        assertThat(Pattern.compile("run \\S+ started \\(").matcher(output).results().count())
                .as("runs started: the schedule started none during shutdown").isEqualTo(1);

        // Every user the run reports created is in the target whole: created and given its password (CONFIRMED).
        List<FakeUserView> copied = new ArrayList<>();
        for (int i = 0; i < users; i++) {
            fake.user(target, username(i)).ifPresent(copied::add);
        }
        assertThat(copied).hasSize(created).allSatisfy(user -> assertThat(user.status()).isEqualTo(UserStatusType.CONFIRMED));
        assertThat(status).as("exit status after SIGTERM").isNotZero();
    }

    /**
     * One case for each way start-up refuses: the scheduler's cron check, SmallRye's config mapping, and poolsync's own
     * checks (their other messages, such as the same pool twice or a rate limit of 0, are SyncSettingsTest's and
     * LimitLearningTest's).
     */
    static Stream<Arguments> refusedAtStartUp() {
        int closed = freePort();
        return Stream.of(
                arguments("an invalid cron", Map.of("poolsync.schedule.cron", "every 5 minutes"),
                        List.of("poolsync.schedule.cron", "not a Quartz cron expression")),
                arguments("an unknown enum value", Map.of("poolsync.policy", "sometimes"),
                        List.of("poolsync.policy", "sometimes", "create-only", "mirror")),
                arguments("an unreachable target", Map.of("poolsync.target.endpoint", "http://127.0.0.1:" + closed,
                        "poolsync.retry.max-attempts", "1"),
                        List.of("poolsync can't start: poolsync.target: can't read the target pool", ":" + closed)));
    }

    /** Bad settings exit 1 with a line naming the setting (or the pool) and no stack trace. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedAtStartUp")
    void badSettingsFailStartUpInOneLineWithoutAStackTrace(String name, Map<String, String> settings,
            List<String> expected) throws Exception {
        fake = FakeCognito.start();
        // With the owner-mark attribute, so the setting under test is the one problem.
        String source = fake.seedPool("source", "source_sub");
        String target = fake.seedPool("target", "source_sub");
        app = launch("refused-" + name.replaceAll("\\W+", "-"), source, target, settings);

        assertThat(awaitExit()).isEqualTo(1);
        String output = output();
        assertThat(output).contains(expected).doesNotContain("\tat ").doesNotContain("Failed to start application");
    }

    private Integer created(int port) {
        try {
            return given().auth().oauth2(TOKEN).get("http://127.0.0.1:" + port + "/progress").then().statusCode(200)
                    .extract().jsonPath().<Integer>get("current.counters.created");
        } catch (Exception notYet) { // RestAssured rethrows ConnectException unchecked
            return null; // still starting
        }
    }

    private void seedUsers(String pool, int count, boolean enabled) {
        for (int i = 0; i < count; i++) {
            fake.seedUser(pool, username(i), Map.of("email", username(i) + "@example.com"), enabled, UserStatusType.CONFIRMED);
        }
    }

    private static String username(int i) {
        return String.format("user-%04d", i);
    }

    private Process launch(String name, String sourcePool, String targetPool, Map<String, String> settings) throws IOException {
        assertThat(APP).as("the packaged application: run through `mvn verify`, after `package`").isRegularFile();
        log = Path.of("target", "it-" + name + ".log");
        // The client compiler and the serial collector: each of these processes lives seconds, mostly starting, and
        // C2's compiling and G1's threads cost CPU the other processes, started side by side, wanted.
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Daws.accessKeyId=local", "-Daws.secretAccessKey=local",
                "-Dquarkus.http.port=" + settings.getOrDefault("quarkus.http.port", Integer.toString(freePort())),
                "-Dquarkus.management.port=" + freePort(),
                "-Dpoolsync.source.pool-id=" + sourcePool, "-Dpoolsync.source.endpoint=" + fake.endpoint(),
                "-Dpoolsync.target.pool-id=" + targetPool, "-Dpoolsync.target.endpoint=" + fake.endpoint(),
                "-Dpoolsync.api.token=" + TOKEN, "-Dpoolsync.schedule.cron=off"));
        Map<String, String> launched = new java.util.HashMap<>(TestConfig.fakeProvisionedLimits());
        launched.putAll(settings);
        launched.forEach((key, value) -> {
            if (!key.equals("quarkus.http.port")) {
                command.add("-D" + key + "=" + value);
            }
        });
        command.addAll(List.of("-jar", APP.toString()));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private int awaitExit() throws InterruptedException {
        if (!app.waitFor(EXIT_DEADLINE.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("poolsync did not exit within " + EXIT_DEADLINE + "; its log:\n" + output());
        }
        return app.exitValue();
    }

    /** What the application has logged so far. */
    private String output() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
