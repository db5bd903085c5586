package io.poolsync.preflight;

import java.time.Instant;
import java.util.List;

/**
 * The pre-flight report, as {@code GET /preflight} returns it.
 *
 * @param ready    no finding is a blocker
 * @param estimate per strategy, what moving the source's users costs
 */
public record PreflightReport(Instant generatedAt, boolean ready, Pool source, Pool target, List<Finding> findings,
        List<Estimate> estimate) {

    public PreflightReport {
        findings = List.copyOf(findings);
        estimate = List.copyOf(estimate);
    }

    public record Pool(String poolId, String region) {
    }

    public static PreflightReport of(Instant generatedAt, Pool source, Pool target, List<Finding> findings,
            List<Estimate> estimate) {
        boolean ready = findings.stream().noneMatch(finding -> finding.severity() == Severity.BLOCKER);
        return new PreflightReport(generatedAt, ready, source, target, findings, estimate);
    }
}
