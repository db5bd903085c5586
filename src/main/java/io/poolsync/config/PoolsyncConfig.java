package io.poolsync.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithConverter;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;

/**
 * Every setting of poolsync. Enumerated settings are enums, so SmallRye Config names the property and lists the allowed
 * values (in kebab-case) when a value is not one of them; ranges are checked by Hibernate Validator; what depends on
 * other settings or on the pools is checked at start-up where it is used (SyncSettings, BulkSettings).
 */
@ConfigMapping(prefix = "poolsync")
public interface PoolsyncConfig {

    /** The pool users are read from. */
    Pool source();

    /** The pool users are written to. */
    Pool target();

    Schedule schedule();

    Password password();

    Mapping mapping();

    /**
     * Source user statuses that are replicated; users in any other status are skipped with their reason.
     * EXTERNAL_PROVIDER can't be replicated: AdminCreateUser can't create federated users.
     */
    @WithDefault("CONFIRMED,FORCE_CHANGE_PASSWORD,RESET_REQUIRED")
    @NotEmpty
    List<String> statuses();

    Apply apply();

    RateLimits rateLimits();

    Retry retry();

    Scan scan();

    Api api();

    /**
     * {@code create-only}: create missing users, change nobody. {@code upsert}: also update existing users.
     * {@code mirror}: also disable or delete the users poolsync owns whose source user is gone.
     */
    @WithDefault("upsert")
    SyncPolicy policy();

    Mirror mirror();

    Ownership ownership();

    Groups groups();

    Bulk bulk();

    Schema schema();

    Preflight preflight();

    /** Every run computes and keeps its plan, and writes nothing. */
    @WithDefault("false")
    boolean dryRun();

    /**
     * Run one sync at start-up, then exit with its outcome (0 done without failures, 2 done with failed users or
     * conflicts, 1 failed or interrupted): a Kubernetes Job or a pipeline step. The schedule is ignored.
     */
    @WithDefault("false")
    boolean exitAfterRun();

    Progress progress();

    Freshness freshness();

    interface Progress {
        /** How often a running sync logs a progress line (counts, rate, ETA). */
        @WithDefault("30s")
        Duration logInterval();
    }

    interface Freshness {
        /** The freshness health group reports DOWN once the last successful sync is older than this. */
        @WithDefault("1h")
        Duration maxAge();
    }

    /**
     * Creating users through Cognito user import jobs (CSV) instead of AdminCreateUser, for a first load: import jobs
     * spend none of the request-rate quotas. Limits and format rules are Cognito's (user import, CSV file).
     */
    interface Bulk {
        /** {@code off}, or {@code import-job}: used when the target is empty or a run has at least min-creates to create. */
        @WithDefault("off")
        BulkMode mode();

        /** Users to create, in one run, from which import jobs are used for them when the target is not empty. */
        @WithDefault("10000")
        @Min(1)
        int minCreates();

        /** The role Cognito assumes to write an import job's log to CloudWatch Logs; CreateUserImportJob requires it. */
        Optional<String> cloudWatchLogsRoleArn();

        /** Users per import job; Cognito takes at most 500,000. */
        @WithDefault("500000")
        @Min(1)
        @Max(500_000)
        int maxUsersPerJob();

        /** Bytes of CSV per import job; Cognito takes at most 100 MB. */
        @WithDefault("100000000")
        @Min(1024)
        @Max(100_000_000)
        long maxBytesPerJob();

        /** First wait between DescribeUserImportJob calls; each wait doubles up to max-poll-interval. */
        @WithDefault("5s")
        Duration pollInterval();

        @WithDefault("1m")
        Duration maxPollInterval();

        /** A job not finished after this long fails the run; whatever it imported stays, and the next run goes on. */
        @WithDefault("6h")
        Duration jobTimeout();
    }

    interface Preflight {
        /**
         * Build the pre-flight report at start-up. It reads the whole source once (ListUsers, the UserList quota both
         * pools share): turn it off for a restart in the middle of a large cutover, once the report has been read.
         */
        @WithDefault("true")
        boolean enabled();
    }

    interface Schema {
        /**
         * Before the first run, add to the target the custom attributes the source has and the target lacks (the
         * source-sub attribute included), with the source's type and constraints. A type conflict fails start-up.
         */
        @WithDefault("false")
        boolean addMissing();
    }

    interface Mirror {
        /** What happens to an owned target user whose source user is gone: {@code disable} or {@code delete}. */
        @WithDefault("disable")
        MirrorAction action();

        /** A run that plans more removals than this performs none of them, and says so. */
        @WithDefault("100")
        @Min(0)
        int maxDeletes();
    }

    interface Ownership {
        /**
         * Take over target users poolsync did not create (loaded earlier by another tool) when a source user's match
         * key leads to one: poolsync marks each with the source sub, logs it, and from then on keeps it in step. Off,
         * such a user is a conflict, reported and left alone.
         */
        @WithDefault("false")
        boolean adoptExisting();
    }

    interface Groups {
        /** Replicate groups and memberships. */
        @WithDefault("true")
        boolean enabled();

        /** A group's IAM role ARN: {@code copy} it, {@code map} its account through account-map, or {@code drop} it. */
        @WithDefault("copy")
        RoleArnPolicy roleArn();

        /** Account rewrites for role ARNs, as {@code source-account->target-account}. */
        Optional<List<String>> accountMap();
    }

    interface Pool {
        /** A Cognito user pool id: {@code <region>_<id>}. */
        @Pattern(regexp = "[\\w-]+_[0-9a-zA-Z]+", message = "must look like <region>_<id>, e.g. eu-west-1_AbC123xyz")
        String poolId();

        /** Defaults to the pool id's prefix. */
        Optional<String> region();

        /** Overrides the Cognito endpoint, for emulators. */
        Optional<URI> endpoint();

        /**
         * A ListUsers filter that limits the sync to a slice of the source, e.g. {@code email ^= "a"}: one standard
         * attribute, {@code =} or {@code ^=}, a quoted value. Source side only.
         */
        Optional<String> filter();

        /** Assume this role through STS to reach a pool in another account. */
        Optional<@Pattern(regexp = "arn:aws[\\w-]*:iam::\\d{12}:role/.+", message = "must be an IAM role ARN") String> roleArn();

        default String effectiveRegion() {
            return region().orElse(poolId().substring(0, poolId().indexOf('_')));
        }
    }

    interface Schedule {
        /** Quartz cron expression; {@code off} disables scheduled runs. */
        @WithDefault("0 */15 * * * ?")
        @WithConverter(CronSetting.class)
        String cron();

        @WithDefault("true")
        boolean runOnStart();
    }

    interface Password {
        /**
         * {@code confirmed}: create with MessageAction=SUPPRESS, then set a random permanent password; users reset it
         * with Forgot Password. {@code invite}: Cognito sends an invitation carrying a temporary password.
         */
        @WithDefault("confirmed")
        PasswordMode mode();

        /** Where {@code invite} sends the invitation: EMAIL and/or SMS. */
        @WithDefault("EMAIL")
        List<DeliveryMedium> inviteDeliveryMediums();
    }

    interface Mapping {
        /** Source attributes never written to the target. {@code sub} is always excluded: the target issues its own. */
        @WithDefault(MappingDefaults.EXCLUDE)
        List<String> exclude();

        /** Attribute renames as {@code source-name->target-name}. */
        Optional<List<String>> renames();

        /** {@code copy} the source's email_verified, or force it {@code true} or {@code false}. */
        @WithDefault(MappingDefaults.VERIFIED_FLAG)
        VerifiedFlagPolicy emailVerified();

        /** {@code copy} the source's phone_number_verified, or force it {@code true} or {@code false}. */
        @WithDefault(MappingDefaults.VERIFIED_FLAG)
        VerifiedFlagPolicy phoneNumberVerified();

        /** Target attribute that receives the source user's sub: it marks the users poolsync owns. */
        @WithDefault(MappingDefaults.SOURCE_SUB_ATTRIBUTE)
        String sourceSubAttribute();

        /**
         * Target attributes that are immutable there and so are written only when a user is created.
         * Any other immutable target attribute that the mapping writes fails start-up.
         */
        Optional<List<String>> createOnly();
    }

    interface Apply {
        /**
         * Users written at once. Enough to keep every quota category busy together: while some users wait on
         * UserCreation, others wait on UserUpdate for their password.
         */
        @WithDefault("16")
        @Min(1)
        @Max(256)
        int concurrency();
    }

    /**
     * Each Cognito quota category's limit in requests per second for the account and Region (names from
     * io.poolsync.cognito.QuotaCategory, e.g. user-creation). Unset, an adjustable category's limit is the account's
     * provisioned limit (GetProvisionedLimit at start-up), any other Cognito's default. poolsync aims at 97% of it and
     * yields when Cognito throttles it. Set one lower to leave room to other tenants of the account.
     */
    interface RateLimits {
        Optional<Double> userList();

        Optional<Double> userCreation();

        Optional<Double> userAccountRecovery();

        Optional<Double> userUpdate();

        Optional<Double> userRead();

        Optional<Double> userResourceRead();

        Optional<Double> userResourceUpdate();

        Optional<Double> userPoolRead();

        Optional<Double> userPoolResourceRead();

        Optional<Double> userPoolResourceUpdate();

        Optional<Double> userPoolClientRead();

        Optional<Double> limitManagement();

        /**
         * Whether both pools spend one budget. Quotas are per account and Region; by default the pools are taken to
         * share one when they are in the same Region, reached with the same credentials (same role-arn) and endpoint.
         */
        Optional<Boolean> shared();
    }

    interface Retry {
        /** Attempts per call, the first included, for throttling and 5xx answers; backoff is exponential with jitter. */
        @WithDefault("10")
        @Min(1)
        @Max(30)
        int maxAttempts();
    }

    interface Scan {
        /**
         * Parallel scanners per pool. Above 1 the pool is read as 16 disjoint segments ({@code sub ^= "0"} ...
         * {@code "f"}) shared among that many scanners; 1 pages through it plainly. A source filter forces 1.
         */
        @WithDefault("16")
        @Min(1)
        @Max(16)
        int segments();
    }

    Federation federation();

    Mfa mfa();

    /**
     * Federated users and linked identities: each identity in a source user's {@code identities} attribute is linked
     * to the native target user with AdminLinkProviderForUser (see README, "Federated users and MFA").
     */
    interface Federation {
        /** Link identities; off, federated-only (EXTERNAL_PROVIDER) users are skipped and no identity is linked. */
        @WithDefault("true")
        boolean link();

        /** Provider renames as {@code source-name->target-name}; a provider not listed keeps its name. */
        Optional<List<String>> providers();

        /**
         * Give a federated-only user a random permanent password, so Forgot Password can give them a password sign-in
         * they never had. Off, they keep a temporary password nobody knows, and Cognito refuses Forgot Password for them.
         */
        @WithDefault("false")
        boolean passwordReset();
    }

    /** Copying users' SMS and email MFA settings (AdminGetUser on the source, AdminSetUserMFAPreference on the target). */
    interface Mfa {
        /** Copy MFA settings of the users a run creates; each costs one AdminGetUser, which makes the user billable. */
        @WithDefault("true")
        boolean copy();

        /**
         * Every how many runs each existing user's MFA settings are compared with its source user's again: a run reads
         * those of one slice of the owned users (by a hash of the source sub), one AdminGetUser on each pool per user,
         * each making the user a monthly active user of that pool. 0: never.
         */
        @WithDefault("7")
        int refreshEvery();
    }

    interface Api {
        /** Bearer token required by /sync and /progress. Without it those endpoints refuse every call. */
        Optional<String> token();
    }
}
