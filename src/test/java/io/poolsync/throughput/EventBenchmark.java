package io.poolsync.throughput;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;

import io.poolsync.events.ElasticMq;
import io.poolsync.fake.FakeCognito;
import io.poolsync.fake.Quotas;
import io.poolsync.testing.Poll;
import io.poolsync.testing.TestConfig;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;

/**
 * Event mode under a steady stream of changes: a source of {@code --users} (default a million) in the fake, the target
 * in step with it, and {@code --rate} (default 50) source users changed a second for {@code --seconds}; each change's
 * CloudTrail event goes through embedded ElasticMQ to the daemon (the packaged jar in its own JVM). Measured: lag from
 * the queue to the target write (p50, p99, from the daemon's /progress), Cognito calls the daemon made per change (the
 * fake's counters, less the driver's own calls), and the drift a full pass finds afterwards. Run with
 * {@code bench/run events [--users N] [--rate R] [--seconds S] [--latency-ms MS] [--quota-factor F] [--out FILE]}.
 *
 * <p>Quotas are Cognito's defaults times {@code --quota-factor} (default 10), poolsync's limits with them: at the
 * defaults 50 attribute changes a second can't even be made, since UserUpdate (25/s, not adjustable) is spent by the
 * source's own writes and poolsync's copies of them alike, and the fake keeps one budget for both pools.
 */
public final class EventBenchmark {

    /** Threads putting the fake's CloudTrail events on the queue: as many as ElasticMq's client has connections. */
    private static final int DELIVERY_THREADS = 16;

    private int users = 1_000_000;
    private int rate = 50;
    private int seconds = 60;
    private Duration latency = Duration.ofMillis(50);
    private int quotaFactor = 10;
    private Path out = Path.of("target/bench/events.md");
    private final Path jar = Path.of("target/quarkus-app/quarkus-run.jar");

    public static void main(String[] args) throws Exception {
        EventBenchmark benchmark = new EventBenchmark();
        for (int i = 0; i < args.length; i += 2) {
            String value = args[i + 1];
            switch (args[i]) {
                case "--users" -> benchmark.users = Integer.parseInt(value);
                case "--rate" -> benchmark.rate = Integer.parseInt(value);
                case "--seconds" -> benchmark.seconds = Integer.parseInt(value);
                case "--latency-ms" -> benchmark.latency = Duration.ofMillis(Long.parseLong(value));
                case "--quota-factor" -> benchmark.quotaFactor = Integer.parseInt(value);
                case "--out" -> benchmark.out = Path.of(value);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        System.exit(benchmark.run() ? 0 : 1);
    }

    private boolean run() throws IOException {
        Files.createDirectories(out.toAbsolutePath().getParent());
        double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        Quotas quotas = Quotas.cognitoDefaults().scaled(quotaFactor);
        try (FakeCognito fake = FakeCognito.builder().quotas(quotas).latency(latency).threads(128).randomSeed(1).start();
                ElasticMq sqs = ElasticMq.start();
                CognitoIdentityProviderClient driver = fake.clientBuilder().build()) {
            MigrationPools pools = MigrationPools.create(fake, false);
            Instant seeding = Instant.now();
            pools.seedSource(users);
            pools.seedTargetInStep(0);
            System.out.printf("seeded %,d users in each pool in %ds%n", users, Duration.between(seeding, Instant.now()).toSeconds());
            ElasticMq.Queues queues = sqs.createQueues("poolsync-events", 5);

            Map<String, String> settings = TestConfig.poolsAt(fake.endpoint(), pools.source(), pools.target());
            settings.put("poolsync.events.queue-url", queues.queueUrl());
            settings.put("poolsync.events.endpoint", sqs.endpoint().toString());
            settings.put("poolsync.events.region", ElasticMq.REGION);
            settings.put("poolsync.events.full-pass-cron", "off");
            // The pre-flight's scan of the source at start-up would still be paging through it (ListUsers) while the
            // events flow, and count as calls per change.
            settings.put("poolsync.preflight.enabled", "false");
            poolsyncRateLimits().forEach((setting, limit) ->
                    settings.put("poolsync.rate-limits." + setting, Double.toString(limit * quotaFactor)));
            Path log = out.toAbsolutePath().getParent().resolve("events.log");
            ExecutorService delivery = Executors.newFixedThreadPool(DELIVERY_THREADS);
            AtomicInteger unsent = new AtomicInteger();
            try (PoolsyncProcess poolsync = PoolsyncProcess.start(jar, settings, log)) {
                // Cognito answers a call without waiting for its CloudTrail event to reach the queue: the fake's answer
                // must not wait for ElasticMQ either, or every target write of the daemon's would carry an SQS send
                // (behind the driver's own) and the workers' slowness would show as lag. The time from the call to the
                // queue stays in lagSeconds (from eventTime); queueLagSeconds starts at the message's SentTimestamp.
                fake.eventSink(event -> {
                    unsent.incrementAndGet();
                    delivery.execute(() -> {
                        try {
                            sqs.send(queues.queueUrl(), event);
                        } finally {
                            unsent.decrementAndGet();
                        }
                    });
                });
                fake.stats().reset();
                Map<Integer, String> expected = changeAtRate(driver, pools.source());
                int changes = CHANGES.get();
                Instant stopped = Instant.now();
                Poll.until(Duration.ofMinutes(5), () -> unsent.get() + sqs.messages(queues.queueUrl()),
                        count -> count == 0, "the queue to drain");
                List<String> behind = behind(fake, pools, expected);
                Duration drain = Duration.between(stopped, Instant.now());
                long poolsyncCalls = fake.stats().calls() - changes;
                System.out.println("the fake's counters while the events flowed (the driver's calls included): "
                        + fake.stats().summary());
                JsonNode events = poolsync.progress().path("events");
                fake.eventSink(null);
                delivery.shutdown();

                PoolsyncProcess.Outcome pass = poolsync.sync(Duration.ofHours(2), Duration.ofSeconds(30));
                long drift = pass.counter("created") + pass.counter("updated") + pass.counter("deleted");
                double loadAfter = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
                String report = report(changes, expected.size(), events, poolsyncCalls, drain, behind, pass, drift,
                        loadBefore, loadAfter);
                Files.writeString(out, report);
                System.out.println(report);
                System.out.println("written to " + out);
                return behind.isEmpty() && drift == 0 && pass.counter("failed") == 0;
            }
        }
    }

    private static final AtomicInteger CHANGES = new AtomicInteger();

    /** Changes random source users' given_name at {@code rate} a second; returns each changed user's last value. */
    private Map<Integer, String> changeAtRate(CognitoIdentityProviderClient driver, String source) {
        Map<Integer, String> expected = new HashMap<>();
        SplittableRandom random = new SplittableRandom(7);
        int total = rate * seconds;
        ScheduledExecutorService ticker = Executors.newScheduledThreadPool(32);
        long periodNanos = TimeUnit.SECONDS.toNanos(1) / rate;
        List<java.util.concurrent.Future<?>> calls = new ArrayList<>();
        Instant start = Instant.now();
        for (int n = 0; n < total; n++) {
            int user = random.nextInt(users);
            String value = "Event" + n;
            expected.put(user, value);
            calls.add(ticker.schedule(() -> {
                driver.adminUpdateUserAttributes(r -> r.userPoolId(source).username(MigrationPools.username(user))
                        .userAttributes(a -> a.name("given_name").value(value)));
                CHANGES.incrementAndGet();
            }, n * periodNanos, TimeUnit.NANOSECONDS));
        }
        for (java.util.concurrent.Future<?> call : calls) {
            try {
                call.get();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        ticker.shutdown();
        System.out.printf("%,d changes to %,d users in %ds%n", CHANGES.get(), expected.size(),
                Duration.between(start, Instant.now()).toSeconds());
        return expected;
    }

    /** Cognito's default limit of each quota category poolsync has a setting for, by setting name. */
    private static Map<String, Double> poolsyncRateLimits() {
        Map<String, Double> limits = new LinkedHashMap<>();
        for (io.poolsync.cognito.QuotaCategory category : io.poolsync.cognito.QuotaCategory.values()) {
            limits.put(category.setting(), (double) category.defaultRps());
        }
        return limits;
    }

    /** Changed users whose target copy does not hold their last source value (the source as the fake stores it). */
    private static List<String> behind(FakeCognito fake, MigrationPools pools, Map<Integer, String> expected) {
        List<String> behind = new ArrayList<>();
        expected.forEach((user, value) -> {
            String username = MigrationPools.username(user);
            String source = fake.user(pools.source(), username).orElseThrow().attribute("given_name");
            String target = fake.user(pools.target(), username).map(u -> u.attribute("given_name")).orElse(null);
            if (!source.equals(target)) {
                behind.add(username + ": source " + source + ", target " + target);
            }
        });
        return behind;
    }

    private String report(int changes, int changedUsers, JsonNode events, long poolsyncCalls, Duration drain,
            List<String> behind, PoolsyncProcess.Outcome pass, long drift, double loadBefore, double loadAfter) {
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "## Event mode: %,d users, %d changes a second for %d s%n%n", users, rate, seconds));
        md.append(String.format(Locale.ROOT, "Fake latency %d ms, quotas x%d; load average %.1f at the start, %.1f at the end.%n%n",
                latency.toMillis(), quotaFactor, loadBefore, loadAfter));
        md.append("| measure | value |\n|---|---:|\n");
        md.append(String.format(Locale.ROOT, "| changes (users) | %,d (%,d) |%n", changes, changedUsers));
        md.append(String.format(Locale.ROOT, "| queue to target write, p50 / p99 | %s / %s s |%n",
                events.path("queueLagSeconds").path("p50").asText(), events.path("queueLagSeconds").path("p99").asText()));
        md.append(String.format(Locale.ROOT, "| source call to target write, p50 / p99 | %s / %s s |%n",
                events.path("lagSeconds").path("p50").asText(), events.path("lagSeconds").path("p99").asText()));
        md.append(String.format(Locale.ROOT, "| Cognito calls by poolsync per change | %.2f (%,d calls) |%n",
                (double) poolsyncCalls / changes, poolsyncCalls));
        md.append(String.format(Locale.ROOT, "| users applied / unchanged / coalesced messages / failed | %d / %d / %d / %d |%n",
                events.path("applied").asLong(), events.path("unchanged").asLong(), events.path("coalesced").asLong(),
                events.path("failed").asLong()));
        md.append(String.format(Locale.ROOT, "| queue drained after the last change | %.1f s |%n", drain.toMillis() / 1000.0));
        md.append(String.format(Locale.ROOT, "| changed users behind the source once drained | %d |%n", behind.size()));
        md.append(String.format(Locale.ROOT, "| next full pass: wall, drift (created + updated + deleted), failed | %.1f s, %d, %d |%n",
                pass.wall().toMillis() / 1000.0, drift, pass.counter("failed")));
        behind.stream().limit(5).forEach(line -> md.append("\n- behind: ").append(line));
        return md.toString();
    }
}
