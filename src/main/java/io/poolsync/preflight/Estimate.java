package io.poolsync.preflight;

import java.util.Map;

/**
 * What one strategy would cost for the source's users.
 *
 * @param strategy           {@code confirmed}, {@code invite}, {@code import-job} or {@code update-only+trigger}
 * @param calls              Cognito calls per quota category
 * @param seconds            the time those calls take at the quota rates, the slowest category deciding; an import
 *                           job's own processing time is not included
 * @param monthlyActiveUsers users the strategy makes active this month: created or changed through the API, or signed
 *                           in
 */
public record Estimate(String strategy, Map<String, Long> calls, long seconds, long monthlyActiveUsers) {
    public Estimate {
        calls = Map.copyOf(calls);
    }
}
