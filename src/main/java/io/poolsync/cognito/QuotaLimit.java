package io.poolsync.cognito;

/**
 * A category's limit in requests per second for the account and Region, and where poolsync learnt it.
 *
 * @param perSecond the limit; poolsync aims a little below it ({@link QuotaLimiter#TARGET_SHARE})
 */
public record QuotaLimit(double perSecond, Source source) {

    public enum Source {
        /** poolsync.rate-limits.&lt;category&gt; */
        CONFIGURED,
        /** The account's provisioned limit, read with GetProvisionedLimit at start-up. */
        PROVISIONED,
        /** Cognito's default quota. */
        DEFAULT;

        /** As /progress and the metrics spell it. */
        public String label() {
            return name().toLowerCase();
        }
    }

    public QuotaLimit {
        if (!(perSecond > 0)) {
            throw new IllegalArgumentException("a rate limit must be above 0, not " + perSecond);
        }
    }

    public static QuotaLimit cognitoDefault(QuotaCategory category) {
        return new QuotaLimit(category.defaultRps(), Source.DEFAULT);
    }
}
