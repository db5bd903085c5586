package io.poolsync.throughput;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import io.poolsync.fake.FakeCognito;
import io.poolsync.fake.QuotaCategory;
import io.poolsync.fake.Quotas;
import io.poolsync.testing.TestConfig;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserStatusType;

/**
 * poolsync against the quota-faithful fake at Cognito's default quotas and a realistic latency, next to the seed
 * article's sequential loop. Each scenario gets a fresh fake and a fresh daemon (the packaged jar as a child JVM with
 * a 1 GiB heap); figures come from the fake's own counters (what Cognito would have seen) and the daemon's metrics.
 * Run with {@code bench/run}; see {@link #USAGE}.
 */
public final class Benchmark {

    static final String USAGE = """
            usage: bench/run [--users N] [--resync-users N] [--scale-users N] [--latency-ms MS] [--scenario NAME]...
              --users N         users of the initial syncs (import job included) and the sequential loop (default 2500)
              --resync-users N  users of the re-sync scenarios (default 100000)
              --scale-users N   users of the scale run (default 1000000)
              --latency-ms MS   the fake's latency per call (default 50)
              --scenario NAME   one of %s, or 'default' (all but scale) or 'all';
                                repeatable; default: default
              --out FILE        Markdown results (default target/bench/results.md)
            """;

    /** Any IAM role ARN: the fake checks its form, as CreateUserImportJob does, and assumes nothing. */
    private static final String IMPORT_LOGS_ROLE = "arn:aws:iam::123456789012:role/CognitoImportLogs";

    /** Cognito's quotas multiplied, and poolsync's limits with them, for the scale run. */
    private static final int SCALE_QUOTA_FACTOR = 100;

    private enum Scenario {
        INITIAL_CONFIRMED("initial-confirmed"), INITIAL_INVITE("initial-invite"),
        INITIAL_IMPORT_JOB("initial-import-job"), SEQUENTIAL_LOOP("sequential-loop"),
        RESYNC_UNCHANGED("resync-unchanged"), RESYNC_CHANGED("resync-1pct"), SHARED_ACCOUNT("shared-account"),
        SCALE("scale-resync-1pct");

        final String flag;

        Scenario(String flag) {
            this.flag = flag;
        }

        static Scenario of(String flag) {
            for (Scenario scenario : values()) {
                if (scenario.flag.equals(flag)) {
                    return scenario;
                }
            }
            throw new IllegalArgumentException("no scenario " + flag);
        }
    }

    private int users = 2_500;
    private int resyncUsers = 100_000;
    private int scaleUsers = 1_000_000;
    private Duration latency = Duration.ofMillis(50);
    private final Set<Scenario> scenarios = new LinkedHashSet<>();
    private Path out = Path.of("target/bench/results.md");
    private final Path jar = Path.of("target/quarkus-app/quarkus-run.jar");
    private final List<Row> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    /**
     * One line of the results; the daemon's figures (heap, GC, CPU) are 0 for the sequential loop.
     *
     * @param accepted      calls the fake accepted per quota category (retries included)
     * @param busiestSecond per category, the most calls the fake accepted in any one-second window
     * @param limits        poolsync's rate limits; empty for the sequential loop
     * @param calls         every request the fake received, throttled ones included
     * @param differences   target users that differ from their source user, as the fake stores them
     * @param importJobs    what the run's import jobs did; empty when it ran none
     * @param pagesBeforeCreates ListUsers pages that must be read before the first create: in an initial sync every
     *                      page of both pools, since which of several source users gets a key is decided only once the
     *                      whole source is read (the README's ownership and conflict rules); 0 when nothing is created
     */
    record Row(String scenario, int users, Duration wall, Map<QuotaCategory, Long> accepted,
            Map<QuotaCategory, Integer> busiestSecond, Quotas quotas, Map<QuotaCategory, Double> limits, long calls,
            long throttled, long failed, long peakHeap, long peakOldGen, Duration gcPause, Duration cpu,
            int differences, Optional<ImportJobs> importJobs, long pagesBeforeCreates) {

        /** The binding category: the most calls for its quota. */
        QuotaCategory binding() {
            return accepted.keySet().stream()
                    .max((a, b) -> Double.compare(accepted.get(a) / quota(a), accepted.get(b) / quota(b)))
                    .orElseThrow();
        }

        double quota(QuotaCategory category) {
            return quotas.rate(category).orElseThrow();
        }

        /**
         * The shortest time Cognito's quotas allow: the binding category's calls at its full quota, after the pages the
         * first create must wait for at UserList's (when UserList doesn't bind itself).
         */
        double quotaBoundSeconds() {
            double readFirst = binding() == QuotaCategory.USER_LIST ? 0 : pagesBeforeCreates / quota(QuotaCategory.USER_LIST);
            return readFirst + bindingBoundSeconds();
        }

        /** The binding category's calls at its full quota, as if they could all start at once. */
        double bindingBoundSeconds() {
            return accepted.get(binding()) / quota(binding());
        }
    }

    /**
     * The run's {@code bulkImport}, as poolsync reports it.
     *
     * @param failed     lines the jobs refused
     * @param leftToApi  users no import line could carry, created through the API instead
     */
    record ImportJobs(int jobs, long usersInFiles, long imported, long skipped, long failed, long leftToApi) {

        static Optional<ImportJobs> of(JsonNode run) {
            JsonNode bulk = run.path("bulkImport");
            if (bulk.isMissingNode() || bulk.isNull()) {
                return Optional.empty();
            }
            long leftToApi = 0;
            for (JsonNode count : bulk.path("leftToApi")) {
                leftToApi += count.asLong();
            }
            return Optional.of(new ImportJobs(bulk.path("jobs").size(), bulk.path("usersInFiles").asLong(),
                    bulk.path("imported").asLong(), bulk.path("skipped").asLong(), bulk.path("failed").asLong(),
                    leftToApi));
        }
    }

    public static void main(String[] args) throws Exception {
        Benchmark benchmark = new Benchmark();
        benchmark.parse(args);
        benchmark.run();
    }

    private void parse(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--users" -> users = Integer.parseInt(value);
                case "--resync-users" -> resyncUsers = Integer.parseInt(value);
                case "--scale-users" -> scaleUsers = Integer.parseInt(value);
                case "--latency-ms" -> latency = Duration.ofMillis(Long.parseLong(value));
                case "--out" -> out = Path.of(value);
                case "--help", "-h" -> {
                    System.out.print(usage());
                    System.exit(0);
                }
                case "--scenario" -> {
                    for (String name : value.split(",")) {
                        switch (name) {
                            case "default" -> addDefaultScenarios();
                            case "all" -> {
                                addDefaultScenarios();
                                scenarios.add(Scenario.SCALE);
                            }
                            default -> scenarios.add(Scenario.of(name));
                        }
                    }
                }
                default -> throw new IllegalArgumentException(args[i] + " is not an option\n" + usage());
            }
            i++;
        }
        if (scenarios.isEmpty()) {
            addDefaultScenarios();
        }
    }

    private void addDefaultScenarios() {
        for (Scenario scenario : Scenario.values()) {
            if (scenario != Scenario.SCALE) {
                scenarios.add(scenario);
            }
        }
    }

    private static String usage() {
        return USAGE.formatted(String.join(", ", Arrays.stream(Scenario.values()).map(s -> s.flag).toList()));
    }

    private void run() throws IOException {
        Files.createDirectories(out.toAbsolutePath().getParent());
        Instant started = Instant.now();
        notes.add(String.format(Locale.ROOT, "Machine load average at the start: %.1f",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
        System.out.printf("poolsync benchmark: %s; %d cores, latency %d ms%n",
                String.join(", ", scenarios.stream().map(s -> s.flag).toList()),
                Runtime.getRuntime().availableProcessors(), latency.toMillis());
        int indexUsers = scenarios.contains(Scenario.SCALE) ? scaleUsers : resyncUsers;
        long bytesPerUser = IndexFootprint.bytesPerUser(indexUsers);
        notes.add(String.format(Locale.ROOT, "Target index: %d bytes per user (TargetIndex of %,d users, retained heap after GC)",
                bytesPerUser, indexUsers));
        System.out.println(notes.get(notes.size() - 1));
        for (Scenario scenario : scenarios) {
            System.out.println("== " + scenario.flag);
            switch (scenario) {
                case INITIAL_CONFIRMED -> rows.add(poolsync(scenario, users, "confirmed", TargetPool.EMPTY, 1));
                case INITIAL_INVITE -> rows.add(poolsync(scenario, users, "invite", TargetPool.EMPTY, 1));
                case INITIAL_IMPORT_JOB -> rows.add(poolsync(scenario, users, "confirmed", TargetPool.EMPTY_FOR_IMPORT, 1));
                case SEQUENTIAL_LOOP -> rows.add(sequentialLoop());
                case RESYNC_UNCHANGED -> rows.add(poolsync(scenario, resyncUsers, "confirmed", TargetPool.IN_STEP, 1));
                case RESYNC_CHANGED -> rows.add(poolsync(scenario, resyncUsers, "confirmed", TargetPool.ONE_PERCENT_STALE, 1));
                case SHARED_ACCOUNT -> rows.add(poolsync(scenario, users, "confirmed", TargetPool.ALL_STALE, 1));
                case SCALE -> rows.add(poolsync(scenario, scaleUsers, "confirmed", TargetPool.ONE_PERCENT_STALE,
                        SCALE_QUOTA_FACTOR));
            }
            System.out.println(summary(rows.get(rows.size() - 1)));
        }
        notes.add(String.format(Locale.ROOT, "Machine load average at the end: %.1f",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
        String report = Report.markdown(rows, notes, latency, Duration.between(started, Instant.now()));
        Files.writeString(out, report);
        System.out.println();
        System.out.println(report);
        System.out.println("written to " + out);
        if (rows.stream().anyMatch(row -> row.failed() > 0 || row.differences() > 0)) {
            System.exit(1);
        }
    }

    /**
     * The target a scenario starts from: empty; empty and loaded through import jobs (see
     * {@link MigrationPools#forImportJobs}); or as an earlier run left it, with 1% of the source changed since.
     */
    private enum TargetPool {
        EMPTY, EMPTY_FOR_IMPORT, IN_STEP, ONE_PERCENT_STALE, ALL_STALE
    }

    /** Another client of the account's UserUpdate quota, as an application's own attribute updates. */
    private static final double NEIGHBOUR_SHARE = 0.4;

    /** One daemon run, on a fresh fake with Cognito's quotas times {@code quotaFactor} and poolsync's limits with them. */
    private Row poolsync(Scenario scenario, int userCount, String passwordMode, TargetPool targetPool, int quotaFactor)
            throws IOException {
        Quotas quotas = Quotas.cognitoDefaults().scaled(quotaFactor);
        try (FakeCognito fake = FakeCognito.builder().quotas(quotas).latency(latency).threads(128).randomSeed(1).start()) {
            boolean importJobs = targetPool == TargetPool.EMPTY_FOR_IMPORT;
            MigrationPools pools = importJobs ? MigrationPools.forImportJobs(fake) : MigrationPools.create(fake, false);
            pools.seedSource(userCount);
            int stale = switch (targetPool) {
                case EMPTY, EMPTY_FOR_IMPORT -> 0;
                case IN_STEP -> pools.seedTargetInStep(0);
                case ONE_PERCENT_STALE -> pools.seedTargetInStep(100);
                case ALL_STALE -> pools.seedTargetInStep(1);
            };
            Map<String, String> settings = TestConfig.poolsAt(fake.endpoint(), pools.source(), pools.target());
            settings.put("poolsync.password.mode", passwordMode);
            if (importJobs) {
                settings.put("poolsync.bulk.mode", "import-job");
                settings.put("poolsync.bulk.cloud-watch-logs-role-arn", IMPORT_LOGS_ROLE);
            }
            Map<QuotaCategory, Double> limits = poolsyncLimits(quotas);
            if (quotaFactor != 1) {
                // Adjustable categories poolsync learns from GetProvisionedLimit; the others it must be told.
                limits.forEach((category, rate) -> {
                    if (!category.row().adjustable()) {
                        settings.put("poolsync.rate-limits." + setting(category), Double.toString(rate));
                    }
                });
            }
            Path log = out.toAbsolutePath().getParent().resolve(scenario.flag + ".log");
            PoolsyncProcess.Outcome outcome;
            Optional<Neighbour> neighbour = Optional.empty();
            try (PoolsyncProcess poolsync = PoolsyncProcess.start(jar, settings, log)) {
                fake.stats().reset();
                if (targetPool == TargetPool.ALL_STALE) {
                    neighbour = Optional.of(Neighbour.start(fake,
                            NEIGHBOUR_SHARE * quotas.rate(QuotaCategory.USER_UPDATE).orElseThrow()));
                }
                outcome = poolsync.sync(Duration.ofHours(6), Duration.ofSeconds(30));
            } finally {
                neighbour.ifPresent(Neighbour::close);
            }
            neighbour.ifPresent(other -> notes.add(sharedAccountNote(other, fake, outcome, quotas)));
            if (!outcome.phase().equals("DONE")) {
                throw new IllegalStateException(scenario.flag + " ended " + outcome.phase() + ": " + outcome.run());
            }
            Optional<ImportJobs> imports = ImportJobs.of(outcome.run());
            long imported = imports.map(ImportJobs::imported).orElse(0L);
            long expectedWrites = targetPool == TargetPool.EMPTY || importJobs ? userCount : stale;
            Map<QuotaCategory, Long> accepted = accepted(fake);
            neighbour.ifPresent(other -> accepted.merge(QuotaCategory.USER_UPDATE, -other.accepted(), Long::sum));
            // The follow-up pass's disables of imported users count as updates: after an import, count the creates.
            long written = outcome.counter("created") + (importJobs ? imported : outcome.counter("updated"));
            if (written != expectedWrites) {
                notes.add(scenario.flag + ": expected " + expectedWrites + " users written, poolsync wrote " + written);
            }
            if (importJobs && imported != userCount) {
                notes.add(scenario.flag + ": " + imported + " of " + userCount + " users imported, the rest created through the API");
            }
            Set<UserStatusType> copied = passwordMode.equals("invite") ? Set.of(UserStatusType.FORCE_CHANGE_PASSWORD)
                    : importJobs ? Set.of(UserStatusType.RESET_REQUIRED, UserStatusType.CONFIRMED)
                    : Set.of(UserStatusType.CONFIRMED);
            List<String> differences = new ArrayList<>(pools.differences(1_000, copied));
            // Imported users are RESET_REQUIRED and only they: the API's creates are CONFIRMED.
            long resetRequired = pools.targetUsersIn(UserStatusType.RESET_REQUIRED);
            if (resetRequired != imported) {
                differences.add(resetRequired + " target users RESET_REQUIRED, " + imported + " imported");
            }
            differences.stream().limit(5).forEach(d -> System.out.println("    DIFFERENCE " + d));
            long neighbourCalls = neighbour.map(other -> other.accepted() + other.throttled()).orElse(0L);
            long neighbourThrottled = neighbour.map(Neighbour::throttled).orElse(0L);
            return new Row(scenario.flag, userCount, outcome.wall(), accepted, busiestSecond(fake), quotas, limits,
                    fake.stats().calls() - neighbourCalls, fake.stats().throttled() - neighbourThrottled, outcome.counter("failed"), outcome.peakHeapBytes(),
                    outcome.peakOldGenBytes(), outcome.gcPause(), outcome.cpu(), differences.size(), imports,
                    targetPool == TargetPool.EMPTY ? pages(userCount) + 1 : 0);
        }
    }

    private Row sequentialLoop() {
        Quotas quotas = Quotas.cognitoDefaults();
        try (FakeCognito fake = FakeCognito.builder().quotas(quotas).latency(latency).threads(16).randomSeed(1).start();
                CognitoIdentityProviderClient client = fake.clientBuilder().build()) {
            MigrationPools pools = MigrationPools.create(fake, false);
            pools.seedSource(users);
            fake.stats().reset();
            SequentialLoop.Outcome outcome = SequentialLoop.run(client, pools.source(), pools.target());
            List<String> differences = pools.differences(1_000, Set.of(UserStatusType.CONFIRMED));
            return new Row(Scenario.SEQUENTIAL_LOOP.flag, users, outcome.wall(), accepted(fake), busiestSecond(fake),
                    quotas, Map.of(), fake.stats().calls(), fake.stats().throttled(), outcome.failed(), 0, 0,
                    Duration.ZERO, Duration.ZERO, differences.size(), Optional.empty(), 0);
        }
    }

    /** The limits poolsync takes: the fake's quotas, learnt (GetProvisionedLimit) or configured, for the categories it spends. */
    private static Map<QuotaCategory, Double> poolsyncLimits(Quotas quotas) {
        Map<QuotaCategory, Double> limits = new LinkedHashMap<>();
        for (io.poolsync.cognito.QuotaCategory category : io.poolsync.cognito.QuotaCategory.values()) {
            QuotaCategory fakeCategory = QuotaCategory.valueOf(category.name());
            limits.put(fakeCategory, (double) quotas.rate(fakeCategory).orElseThrow());
        }
        return limits;
    }

    /** ListUsers pages of a pool of this many users: at most 60 users a page (API Reference, ListUsers, Limit). */
    private static long pages(int users) {
        return Math.max(1, (users + 59) / 60);
    }

    /**
     * The shared-account scenario's figures: the neighbour's share of throttled calls while poolsync ran, and
     * poolsync's UserUpdate rate against what the neighbour left.
     */
    private static String sharedAccountNote(Neighbour neighbour, FakeCognito fake, PoolsyncProcess.Outcome outcome,
            Quotas quotas) {
        double wall = outcome.wall().toNanos() / 1e9;
        double quota = quotas.rate(QuotaCategory.USER_UPDATE).orElseThrow();
        long poolsyncUpdates = fake.stats().accepted(QuotaCategory.USER_UPDATE) - neighbour.accepted();
        double poolsyncRate = poolsyncUpdates / wall;
        long neighbourCalls = neighbour.accepted() + neighbour.throttled();
        return String.format(Locale.ROOT, "shared-account: a neighbour sent %,d AdminUpdateUserAttributes at %.0f/s "
                + "(%.0f%% of UserUpdate's %.0f) and was throttled on %,d (%.2f%%); poolsync's UserUpdate calls ran at "
                + "%.1f/s, %.0f%% of the %.1f/s the neighbour left", neighbourCalls, NEIGHBOUR_SHARE * quota,
                NEIGHBOUR_SHARE * 100, quota, neighbour.throttled(),
                neighbourCalls == 0 ? 0 : 100.0 * neighbour.throttled() / neighbourCalls, poolsyncRate,
                100 * poolsyncRate / ((1 - NEIGHBOUR_SHARE) * quota), (1 - NEIGHBOUR_SHARE) * quota);
    }

    /** The category's name under poolsync.rate-limits, e.g. user-creation. */
    private static String setting(QuotaCategory category) {
        return io.poolsync.cognito.QuotaCategory.valueOf(category.name()).setting();
    }

    private static Map<QuotaCategory, Integer> busiestSecond(FakeCognito fake) {
        Map<QuotaCategory, Integer> busiest = new LinkedHashMap<>();
        for (QuotaCategory category : QuotaCategory.values()) {
            busiest.put(category, fake.stats().maxAcceptedInAnyWindow(category));
        }
        return busiest;
    }

    private static Map<QuotaCategory, Long> accepted(FakeCognito fake) {
        Map<QuotaCategory, Long> accepted = new LinkedHashMap<>();
        for (QuotaCategory category : QuotaCategory.values()) {
            long count = fake.stats().accepted(category);
            if (count > 0) {
                accepted.put(category, count);
            }
        }
        return accepted;
    }

    private static String summary(Row row) {
        return String.format(Locale.ROOT, "    %s: %,d users in %.1f s (quota bound %.1f s, %s), %d calls, %d throttled, "
                + "%d failed, %d differences%s", row.scenario(), row.users(), row.wall().toMillis() / 1000.0,
                row.quotaBoundSeconds(), row.binding(), row.calls(), row.throttled(), row.failed(), row.differences(),
                row.importJobs().map(jobs -> String.format(Locale.ROOT, "; %d import jobs, %d imported, %d failed lines, "
                        + "%d left to the API", jobs.jobs(), jobs.imported(), jobs.failed(), jobs.leftToApi())).orElse(""));
    }
}
