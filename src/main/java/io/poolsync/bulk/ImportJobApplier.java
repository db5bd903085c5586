package io.poolsync.bulk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import org.jboss.logging.Logger;

import io.poolsync.cognito.PoolCallException;
import io.poolsync.cognito.PoolImporter;
import io.poolsync.model.CsvImportTemplate;
import io.poolsync.model.ImportJob;

/**
 * Creates the users of a {@link BulkLoad} in the target through Cognito user import jobs, one job per file, one job
 * after the other (Cognito runs one import job per account at a time): CreateUserImportJob, the file to its pre-signed
 * URL at once (the URL lasts minutes), StartUserImportJob, then DescribeUserImportJob with a growing wait until the job
 * ends. A job that fails does not stop the others: its users are still missing from the target when the follow-up pass
 * reads it, so the API creates them.
 */
public final class ImportJobApplier {

    private static final Logger LOG = Logger.getLogger(ImportJobApplier.class);

    private final PoolImporter target;
    private final BulkSettings settings;
    private final Clock clock;
    private final Sleep sleep;

    /** Waits between polls: {@code Thread::sleep} in the daemon, a manual clock's advance in tests. */
    @FunctionalInterface
    public interface Sleep {
        void sleep(Duration duration) throws InterruptedException;

        Sleep THREAD = duration -> Thread.sleep(duration.toMillis());
    }

    /**
     * @param clock reads the time for {@code poolsync.bulk.job-timeout} and the waits between polls
     * @param sleep waits; the time it takes shows on {@code clock}
     */
    public ImportJobApplier(PoolImporter target, BulkSettings settings, Clock clock, Sleep sleep) {
        this.target = target;
        this.settings = settings;
        this.clock = clock;
        this.sleep = sleep;
    }

    /**
     * @param runId         names the jobs, so Cognito's console and logs point back to the run
     * @param stopRequested checked between polls: once true no new job starts and the running one is no longer
     *                      watched (it goes on in Cognito; the next run finds what it imported)
     * @param progress      receives the report after every change
     * @return the report once every job ended, or as far as it got when stopped
     * @throws IllegalStateException when a job outlasts {@code poolsync.bulk.job-timeout}
     */
    public ImportReport apply(BulkLoad load, String runId, BooleanSupplier stopRequested,
            Consumer<ImportReport> progress) throws InterruptedException {
        List<CsvSpool.SpoolFile> files = load.files();
        CsvImportTemplate template = load.template();
        Reporter report = new Reporter(files, load.leftToApi(), template.logGroup(), progress);
        for (int i = 0; i < files.size() && !stopRequested.getAsBoolean(); i++) {
            String jobName = "poolsync-" + runId.substring(0, 8) + "-" + (i + 1) + "-of-" + files.size();
            runJob(jobName, files.get(i), report.job(i, jobName), stopRequested);
        }
        return report.publish();
    }

    private void runJob(String jobName, CsvSpool.SpoolFile file, JobReport report, BooleanSupplier stopRequested)
            throws InterruptedException {
        ImportJob job;
        try {
            job = target.createImportJob(jobName, settings.cloudWatchLogsRoleArn().orElseThrow());
            report.seen(job);
            target.upload(job, file.path());
            Files.deleteIfExists(file.path());
            job = target.startImportJob(job.jobId());
            report.seen(job);
            LOG.infof("import job %s (%s) started: %d users", job.jobId(), jobName, file.users());
        } catch (PoolCallException e) {
            LOG.warnf("import job %s: %s; its users are left to the API", jobName, e.getMessage());
            report.error(e.getMessage());
            return;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Instant deadline = clock.instant().plus(settings.jobTimeout());
        Duration wait = settings.pollInterval();
        while (!job.finished()) {
            if (stopRequested.getAsBoolean()) {
                return;
            }
            if (clock.instant().isAfter(deadline)) {
                throw new IllegalStateException("import job " + job.jobId() + " (" + jobName + ") is still " + job.status()
                        + " after poolsync.bulk.job-timeout=" + settings.jobTimeout() + "; it goes on in Cognito, "
                        + "and the next run finds the users it imported");
            }
            pause(wait, stopRequested);
            Duration doubled = wait.multipliedBy(2);
            wait = doubled.compareTo(settings.maxPollInterval()) > 0 ? settings.maxPollInterval() : doubled;
            try {
                job = target.describeImportJob(job.jobId());
            } catch (PoolCallException e) {
                LOG.warnf("import job %s (%s) can't be followed: %s", job.jobId(), jobName, e.getMessage());
                report.error(e.getMessage());
                return;
            }
            report.seen(job);
        }
        LOG.infof("import job %s (%s) %s: %d imported, %d skipped, %d failed%s", job.jobId(), jobName, job.status(),
                job.importedUsers(), job.skippedUsers(), job.failedUsers(),
                job.completionMessage() == null ? "" : " (" + job.completionMessage() + ")");
    }

    /** Waits between polls, in short steps so a shutdown need not wait out a long one. */
    private void pause(Duration wait, BooleanSupplier stopRequested) throws InterruptedException {
        Instant end = clock.instant().plus(wait);
        Duration left = wait;
        while (!stopRequested.getAsBoolean() && left.compareTo(Duration.ZERO) > 0) {
            sleep.sleep(left.compareTo(STEP) > 0 ? STEP : left.compareTo(TICK) < 0 ? TICK : left);
            left = Duration.between(clock.instant(), end);
        }
    }

    private static final Duration STEP = Duration.ofSeconds(1);
    private static final Duration TICK = Duration.ofMillis(1);

    /** The jobs' state as it changes, handed to the run after every change. */
    private static final class Reporter {
        private final List<CsvSpool.SpoolFile> files;
        private final Map<String, Long> leftToApi;
        private final String logGroup;
        private final Consumer<ImportReport> progress;
        private final List<ImportReport.Job> jobs = new ArrayList<>();

        Reporter(List<CsvSpool.SpoolFile> files, Map<String, Long> leftToApi, String logGroup,
                Consumer<ImportReport> progress) {
            this.files = files;
            this.leftToApi = leftToApi;
            this.logGroup = logGroup;
            this.progress = progress;
            publish();
        }

        JobReport job(int index, String jobName) {
            jobs.add(new ImportReport.Job(jobName, null, files.get(index).users(), "NotCreated", 0, 0, 0, null, null));
            return new JobReport(this, index);
        }

        void replace(int index, ImportReport.Job job) {
            jobs.set(index, job);
            publish();
        }

        ImportReport publish() {
            long inFiles = files.stream().mapToLong(CsvSpool.SpoolFile::users).sum();
            long imported = jobs.stream().mapToLong(ImportReport.Job::imported).sum();
            long skipped = jobs.stream().mapToLong(ImportReport.Job::skipped).sum();
            long failed = jobs.stream().mapToLong(ImportReport.Job::failed).sum();
            ImportReport report = new ImportReport(jobs, inFiles, imported, skipped, failed, leftToApi, logGroup,
                    note(inFiles, imported, skipped + failed));
            progress.accept(report);
            return report;
        }

        private String note(long inFiles, long imported, long leftOut) {
            boolean ended = jobs.size() == files.size() && jobs.stream().allMatch(job -> job.usersDone() == job.users());
            if (!ended) {
                return String.format("importing %d users in %d jobs: %d imported so far; Cognito logs each line's "
                        + "outcome in CloudWatch Logs group %s", inFiles, files.size(), imported, logGroup);
            }
            long unsuccessfulJobs = jobs.stream().filter(ImportReport.Job::unsuccessful).count();
            return String.format("%d of %d users written to %d import files were imported; they are RESET_REQUIRED and "
                    + "choose a password on first sign-in with a code sent to their verified email or phone number. "
                    + "A follow-up pass applies what a CSV can't carry (disabled users, group memberships) and creates "
                    + "through the API the users the jobs left out (%d skipped or failed%s; Cognito logs each line's "
                    + "outcome in CloudWatch Logs group %s, stream <job id>/<job name>).", imported, inFiles,
                    files.size(), leftOut, unsuccessfulJobs == 0 ? "" : ", " + unsuccessfulJobs + " jobs unsuccessful",
                    logGroup);
        }
    }

    /** One job's entry in the report. */
    private record JobReport(Reporter reporter, int index) {

        void seen(ImportJob job) {
            ImportReport.Job last = reporter.jobs.get(index);
            reporter.replace(index, new ImportReport.Job(last.jobName(), job.jobId(), last.users(), job.status(),
                    job.importedUsers(), job.skippedUsers(), job.failedUsers(), job.completionMessage(), null));
        }

        void error(String error) {
            ImportReport.Job last = reporter.jobs.get(index);
            reporter.replace(index, new ImportReport.Job(last.jobName(), last.jobId(), last.users(), last.status(),
                    last.imported(), last.skipped(), last.failed(), last.message(), error));
        }
    }
}
