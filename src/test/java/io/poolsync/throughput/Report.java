package io.poolsync.throughput;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.poolsync.fake.QuotaCategory;
import io.poolsync.throughput.Benchmark.Row;

/** The benchmark's results as Markdown tables. */
final class Report {

    private static final double MIB = 1024 * 1024;

    private Report() {
    }

    static String markdown(List<Row> rows, List<String> notes, Duration latency, Duration total) {
        StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "Fake Cognito latency %d ms per call; %d cores; whole run %.1f min.%n%n",
                latency.toMillis(), Runtime.getRuntime().availableProcessors(), total.toSeconds() / 60.0));
        text.append("| scenario | users | wall | quota bound (binding category; before it, the pages an initial sync reads "
                + "before its first create) | wall / bound | binding category alone: bound, wall / it | API calls per user "
                + "| throttled | failed | target = source | daemon peak heap: used / old gen | daemon GC pauses | daemon CPU |\n");
        text.append("|---|---:|---:|---|---:|---:|---:|---:|---:|---|---:|---:|---:|\n");
        for (Row row : rows) {
            double wall = seconds(row.wall());
            text.append(String.format(Locale.ROOT, "| %s | %,d | %s | %s (%s%s) | %.2f | %s, %.2f | %.3f | %,d | %,d | %s | %s | %s | %s |%n",
                    row.scenario(), row.users(), duration(wall), duration(row.quotaBoundSeconds()), name(row.binding()),
                    row.quotaBoundSeconds() > row.bindingBoundSeconds() ? String.format(Locale.ROOT, " after %,d pages",
                            row.pagesBeforeCreates()) : "",
                    wall / row.quotaBoundSeconds(), duration(row.bindingBoundSeconds()), wall / row.bindingBoundSeconds(),
                    (double) row.calls() / row.users(), row.throttled(), row.failed(),
                    row.differences() == 0 ? "yes" : "NO: " + row.differences() + " differences", heap(row), gc(row), cpu(row, wall)));
        }
        text.append("\nAchieved rate per quota category (calls the fake accepted / wall time), against poolsync's limit "
                + "and the fake's quota, and the most calls the fake accepted in any one-second window:\n\n");
        text.append("| scenario | category | calls | achieved RPS | poolsync limit | quota | busiest second |\n");
        text.append("|---|---|---:|---:|---:|---:|---:|\n");
        for (Row row : rows) {
            double wall = seconds(row.wall());
            for (Map.Entry<QuotaCategory, Long> category : row.accepted().entrySet()) {
                Double limit = row.limits().get(category.getKey());
                text.append(String.format(Locale.ROOT, "| %s | %s | %,d | %.1f | %s | %s | %d |%n", row.scenario(),
                        name(category.getKey()), category.getValue(), category.getValue() / wall,
                        limit == null ? "n/a" : number(limit), number(row.quota(category.getKey())),
                        row.busiestSecond().get(category.getKey())));
            }
        }
        if (rows.stream().anyMatch(row -> row.importJobs().isPresent())) {
            text.append("\nImport jobs, as the run's `bulkImport` reports them (failed: lines a job refused; left to the API: "
                    + "users no import line could carry):\n\n");
            text.append("| scenario | jobs | users in files | imported | skipped | failed | left to the API |\n");
            text.append("|---|---:|---:|---:|---:|---:|---:|\n");
            for (Row row : rows) {
                row.importJobs().ifPresent(jobs -> text.append(String.format(Locale.ROOT,
                        "| %s | %d | %,d | %,d | %,d | %,d | %,d |%n", row.scenario(), jobs.jobs(), jobs.usersInFiles(),
                        jobs.imported(), jobs.skipped(), jobs.failed(), jobs.leftToApi())));
            }
        }
        Optional<Row> loop = rows.stream().filter(row -> row.scenario().equals("sequential-loop")).findFirst();
        Optional<Row> confirmed = rows.stream().filter(row -> row.scenario().equals("initial-confirmed")).findFirst();
        if (loop.isPresent() && confirmed.isPresent()) {
            double loopWall = seconds(loop.get().wall());
            double poolsyncWall = seconds(confirmed.get().wall());
            text.append(String.format(Locale.ROOT, "%nInitial sync of %,d users, confirmed mode: poolsync %s (%.1f users/s), "
                    + "the seed article's sequential loop %s (%.1f users/s): poolsync takes %.2f of the loop's time "
                    + "(%.1fx faster).%n", confirmed.get().users(), duration(poolsyncWall),
                    confirmed.get().users() / poolsyncWall, duration(loopWall), loop.get().users() / loopWall,
                    poolsyncWall / loopWall, loopWall / poolsyncWall));
        }
        if (!notes.isEmpty()) {
            text.append('\n');
            notes.forEach(note -> text.append("- ").append(note).append('\n'));
        }
        return text.toString();
    }

    private static String heap(Row row) {
        if (row.peakHeap() == 0) {
            return "n/a";
        }
        return String.format(Locale.ROOT, "%.0f / %.0f MiB", row.peakHeap() / MIB, row.peakOldGen() / MIB);
    }

    private static String gc(Row row) {
        return row.peakHeap() == 0 ? "n/a" : String.format(Locale.ROOT, "%.2f s", seconds(row.gcPause()));
    }

    private static String cpu(Row row, double wall) {
        if (row.cpu().isZero()) {
            return "n/a";
        }
        double cpu = seconds(row.cpu());
        return String.format(Locale.ROOT, "%.0f s (%.2f cores)", cpu, cpu / wall);
    }

    /** USER_UPDATE -> UserUpdate, as Cognito names its quota categories. */
    private static String name(QuotaCategory category) {
        StringBuilder name = new StringBuilder();
        for (String part : category.name().split("_")) {
            name.append(part.charAt(0)).append(part.substring(1).toLowerCase(Locale.ROOT));
        }
        return name.toString();
    }

    private static String number(double value) {
        return value == Math.rint(value) ? String.format(Locale.ROOT, "%,d", (long) value) : String.format(Locale.ROOT, "%.1f", value);
    }

    private static String duration(double seconds) {
        return seconds < 120 ? String.format(Locale.ROOT, "%.1f s", seconds)
                : String.format(Locale.ROOT, "%.1f min", seconds / 60);
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }
}
