package io.poolsync.model;

import java.net.URI;

/**
 * A Cognito user import job as DescribeUserImportJob reports it.
 *
 * @param status            {@code Created}, {@code Pending}, {@code InProgress}, {@code Stopping}, {@code Stopped},
 *                          {@code Succeeded}, {@code Failed} or {@code Expired}
 * @param preSignedUrl      where the CSV file goes, for a limited time after the job is created
 * @param completionMessage Cognito's word on how the job ended; may be null
 */
public record ImportJob(String jobId, String jobName, String status, URI preSignedUrl, long importedUsers,
        long skippedUsers, long failedUsers, String completionMessage) {

    /** Without the pre-signed URL: it lets whoever holds it write the job's file. */
    @Override
    public String toString() {
        return "ImportJob[" + jobId + " " + jobName + " " + status + ", imported " + importedUsers + ", skipped "
                + skippedUsers + ", failed " + failedUsers + "]";
    }

    /** A status after which the job changes no more. */
    public boolean finished() {
        return switch (status) {
            case "Succeeded", "Failed", "Stopped", "Expired" -> true;
            default -> false;
        };
    }
}
