package io.poolsync.bulk;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import io.poolsync.config.BulkMode;
import io.poolsync.config.InvalidConfigException;
import io.poolsync.config.PasswordMode;
import io.poolsync.config.PoolsyncConfig;
import io.poolsync.model.CsvImportTemplate;

/**
 * The bulk-load settings, checked: whether users to create may go through import jobs, when, and how the jobs are cut
 * and watched.
 *
 * @param importJobs              {@code poolsync.bulk.mode=import-job}
 * @param minCreates              creates in one run from which a run uses import jobs even into a non-empty target
 * @param cloudWatchLogsRoleArn   empty unless import jobs are on
 */
public record BulkSettings(boolean importJobs, int minCreates, Optional<String> cloudWatchLogsRoleArn,
        int maxUsersPerJob, long maxBytesPerJob, Duration pollInterval, Duration maxPollInterval, Duration jobTimeout) {

    /** CreateUserImportJob's pattern for CloudWatchLogsRoleArn, narrowed to IAM roles. */
    private static final Pattern ROLE_ARN = Pattern.compile("arn:aws[\\w-]*:iam::\\d{12}:role/[\\w+=,.@/-]+");

    public static final BulkSettings OFF = new BulkSettings(false, Integer.MAX_VALUE, Optional.empty(), 1, 1,
            Duration.ZERO, Duration.ZERO, Duration.ZERO);

    /**
     * @param problems     receives what can't work, each naming its setting
     */
    public static BulkSettings from(PoolsyncConfig.Bulk config, PasswordMode passwordMode, List<String> problems) {
        if (config.mode() == BulkMode.OFF) {
            return OFF;
        }
        Optional<String> roleArn = config.cloudWatchLogsRoleArn().map(String::trim).filter(arn -> !arn.isEmpty());
        if (roleArn.isEmpty()) {
            problems.add("poolsync.bulk.cloud-watch-logs-role-arn is required with poolsync.bulk.mode=import-job: "
                    + "CreateUserImportJob needs the ARN of a role Cognito assumes to log each job's results to "
                    + "CloudWatch Logs (trusting cognito-idp.amazonaws.com, allowed logs:CreateLogGroup, "
                    + "logs:CreateLogStream, logs:DescribeLogStreams and logs:PutLogEvents on /aws/cognito/*)");
        } else if (!ROLE_ARN.matcher(roleArn.get()).matches()) {
            problems.add("poolsync.bulk.cloud-watch-logs-role-arn=" + roleArn.get()
                    + " is not an IAM role ARN (arn:aws:iam::<account>:role/<name>)");
        }
        if (passwordMode == PasswordMode.INVITE) {
            problems.add("poolsync.bulk.mode=import-job with poolsync.password.mode=invite: imported users get no "
                    + "invitation and no temporary password (they arrive RESET_REQUIRED); use confirmed, or bulk mode off");
        }
        if (config.pollInterval().isNegative() || config.pollInterval().isZero()) {
            problems.add("poolsync.bulk.poll-interval=" + config.pollInterval() + " must be positive");
        }
        if (config.maxPollInterval().compareTo(config.pollInterval()) < 0) {
            problems.add("poolsync.bulk.max-poll-interval=" + config.maxPollInterval()
                    + " is shorter than poolsync.bulk.poll-interval=" + config.pollInterval());
        }
        if (config.jobTimeout().compareTo(config.pollInterval()) <= 0) {
            problems.add("poolsync.bulk.job-timeout=" + config.jobTimeout() + " leaves no time to watch a job");
        }
        return new BulkSettings(true, config.minCreates(), roleArn, config.maxUsersPerJob(), config.maxBytesPerJob(),
                config.pollInterval(), config.maxPollInterval(), config.jobTimeout());
    }

    /**
     * Checks the target pool can take import jobs at all: Cognito won't start one in a pool without auto-verified
     * attributes, since an imported user resets its password through a verified email or phone number.
     */
    public void check(CsvImportTemplate target) {
        if (importJobs && target.autoVerifiedAttributes().isEmpty()) {
            throw new InvalidConfigException(List.of("poolsync.bulk.mode=import-job: the target pool " + target.poolId()
                    + " verifies no attribute automatically (AutoVerifiedAttributes is empty), so Cognito won't start "
                    + "an import job there; verify email or phone_number automatically in the target, or bulk mode off"));
        }
    }
}
