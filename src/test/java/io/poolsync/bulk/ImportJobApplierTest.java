package io.poolsync.bulk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.poolsync.testing.ManualClock;

/** Import jobs one after the other, each file uploaded at once, watched to the end, and reported as they go. */
class ImportJobApplierTest {

    static final String RUN_ID = "0b6f9ac2-6a56-4c55-9f0e-2f8e4d7a1c3b";

    final StubImporter cognito = new StubImporter();
    final List<ImportReport> progress = new ArrayList<>();
    /** The applier's time: its waits between polls move it, so nothing waits. */
    final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
    final List<Duration> waits = new ArrayList<>();

    ImportJobApplier applier(BulkSettings settings) {
        return new ImportJobApplier(cognito, settings, clock, wait -> {
            waits.add(wait);
            clock.advance(wait);
        });
    }

    BulkLoad loadOf(int users, int perJob) {
        BulkLoad load = new BulkLoad(BulkLoadTest.settings(1, perJob, 100_000), cognito, true);
        for (int i = 0; i < users; i++) {
            load.take(BulkLoadTest.create("u" + i, true));
        }
        load.endOfScan();
        return load;
    }

    ImportReport apply(BulkLoad load, BulkSettings settings) throws InterruptedException {
        return applier(settings).apply(load, RUN_ID, () -> false, progress::add);
    }

    @Test
    void everyFileIsOneJobRunToTheEnd() throws InterruptedException {
        try (BulkLoad load = loadOf(5, 2)) {
            List<CsvSpool.SpoolFile> files = load.files();

            ImportReport report = apply(load, BulkLoadTest.settings(1, 2, 100_000));

            assertThat(cognito.calls).containsExactly("GetCSVHeader",
                    "CreateUserImportJob poolsync-0b6f9ac2-1-of-3", "upload import-1", "StartUserImportJob import-1",
                    "DescribeUserImportJob import-1", "DescribeUserImportJob import-1",
                    "CreateUserImportJob poolsync-0b6f9ac2-2-of-3", "upload import-2", "StartUserImportJob import-2",
                    "DescribeUserImportJob import-2", "DescribeUserImportJob import-2",
                    "CreateUserImportJob poolsync-0b6f9ac2-3-of-3", "upload import-3", "StartUserImportJob import-3",
                    "DescribeUserImportJob import-3", "DescribeUserImportJob import-3");
            assertThat(report.jobs()).extracting(ImportReport.Job::status).containsOnly("Succeeded");
            assertThat(report.jobs()).extracting(ImportReport.Job::users).containsExactly(2, 2, 1);
            assertThat(report.usersInFiles()).isEqualTo(5);
            assertThat(report.imported()).isEqualTo(5);
            assertThat(report.usersDone()).isEqualTo(5);
            assertThat(report.cloudWatchLogGroup()).isEqualTo("/aws/cognito/userpools/eu-west-1_Target1/target");
            assertThat(report.note()).contains("5 of 5 users", "RESET_REQUIRED", report.cloudWatchLogGroup());
            // Uploaded files leave the disk at once.
            assertThat(files).allSatisfy(file -> assertThat(file.path()).doesNotExist());
            // The run saw the jobs as they went.
            assertThat(progress).anySatisfy(seen -> assertThat(seen.jobs()).extracting(ImportReport.Job::status)
                    .contains("InProgress"));
            assertThat(progress).anySatisfy(seen -> assertThat(seen.note()).startsWith("importing 5 users in 3 jobs"));
        }
    }

    @Test
    void usersAJobFailedAreCountedAndLeftToTheFollowUpPass() throws InterruptedException {
        cognito.failing.add("u1");
        try (BulkLoad load = loadOf(3, 10)) {
            ImportReport report = apply(load, BulkLoadTest.settings(1, 10, 100_000));

            assertThat(report.imported()).isEqualTo(2);
            assertThat(report.failed()).isEqualTo(1);
            assertThat(report.jobs()).noneMatch(ImportReport.Job::unsuccessful);
            assertThat(report.note()).contains("1 skipped or failed");
        }
    }

    @Test
    void aRefusedUploadFailsItsJobAndTheNextOneStillRuns() throws InterruptedException {
        cognito.refusedUploads.add(1);
        try (BulkLoad load = loadOf(4, 2)) {
            ImportReport report = apply(load, BulkLoadTest.settings(1, 2, 100_000));

            ImportReport.Job refused = report.jobs().get(0);
            assertThat(refused.unsuccessful()).isTrue();
            assertThat(refused.status()).isEqualTo("Created");
            assertThat(refused.error()).contains("Request has expired");
            assertThat(report.jobs().get(1).status()).isEqualTo("Succeeded");
            assertThat(report.imported()).isEqualTo(2);
            assertThat(report.usersDone()).isEqualTo(4);
            assertThat(cognito.calls).doesNotContain("StartUserImportJob import-1").contains("StartUserImportJob import-2");
        }
    }

    @Test
    void noJobStartsOnceTheRunIsAskedToStop() throws InterruptedException {
        try (BulkLoad load = loadOf(4, 2)) {
            ImportReport report = applier(BulkLoadTest.settings(1, 2, 100_000))
                    .apply(load, RUN_ID, () -> true, progress::add);

            assertThat(report.jobs()).isEmpty();
            assertThat(cognito.calls).containsExactly("GetCSVHeader");
        }
    }

    @Test
    void aJobOutlastingItsTimeoutFailsTheRunNamingTheSetting() {
        cognito.stuck = true;
        BulkSettings impatient = new BulkSettings(true, 1, Optional.of("arn:aws:iam::123456789012:role/import-logs"), 10,
                100_000, Duration.ofSeconds(5), Duration.ofSeconds(20), Duration.ofMinutes(1));
        try (BulkLoad load = loadOf(1, 10)) {
            assertThatThrownBy(() -> apply(load, impatient))
                    .hasMessageContaining("import-1").hasMessageContaining("poolsync.bulk.job-timeout");
            assertThat(progress.get(progress.size() - 1).jobs().get(0).status()).isEqualTo("InProgress");
            // Polls 5, 10, 20, 20, 20 s apart (each wait in steps of at most a second), until the minute is out.
            assertThat(waits).allSatisfy(wait -> assertThat(wait).isLessThanOrEqualTo(Duration.ofSeconds(1)));
            assertThat(cognito.calls).filteredOn(call -> call.startsWith("DescribeUserImportJob")).hasSize(5);
            assertThat(clock.instant()).isEqualTo(Instant.parse("2026-01-01T00:01:15Z"));
        }
    }
}
