package io.poolsync.bulk;

import java.util.List;
import java.util.Map;

/**
 * What a run's import jobs did, as the run reports it ({@code bulkImport} in its JSON), updated while they run.
 *
 * @param usersInFiles       users written to import files
 * @param imported           users the jobs created, over every job; they are RESET_REQUIRED
 * @param skipped            users the jobs skipped because they already existed
 * @param failed             users the jobs refused (Cognito logs why, line by line)
 * @param leftToApi          users to create that no import line could carry, by reason: AdminCreateUser creates them
 * @param cloudWatchLogGroup where Cognito logs every line's outcome, one stream per job named {@code <job id>/<job name>}
 * @param note               what happened and what comes next, in a sentence or two
 */
public record ImportReport(List<Job> jobs, long usersInFiles, long imported, long skipped, long failed,
        Map<String, Long> leftToApi, String cloudWatchLogGroup, String note) {

    public ImportReport {
        jobs = List.copyOf(jobs);
        leftToApi = Map.copyOf(leftToApi);
    }

    /**
     * One import job: one file.
     *
     * @param jobId   null when the job could not be created
     * @param status  Cognito's status of the job, as last seen
     * @param message Cognito's completion message; null until the job ends
     * @param error   why poolsync could not create, fill, start or follow the job; null otherwise
     */
    public record Job(String jobName, String jobId, int users, String status, long imported, long skipped, long failed,
            String message, String error) {

        /** The job did not run to success: its users are left to the follow-up pass, and the run records a failure. */
        public boolean unsuccessful() {
            return error != null || List.of("Failed", "Stopped", "Expired").contains(status);
        }

        /** Users the job is done with, counted by Cognito, or all of them once it has ended. */
        long usersDone() {
            return error != null || List.of("Succeeded", "Failed", "Stopped", "Expired").contains(status) ? users
                    : imported + skipped + failed;
        }
    }

    /** Users the jobs are done with, for progress: the imported, skipped and failed ones, and those of jobs that ended. */
    public long usersDone() {
        return jobs.stream().mapToLong(Job::usersDone).sum();
    }
}
