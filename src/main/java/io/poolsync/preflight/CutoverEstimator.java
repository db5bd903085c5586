package io.poolsync.preflight;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The calls, time and monthly active users of each way to move the source's users. Cost facts: a user created or
 * changed through the API, or one who signs in, is a monthly active user; CSV imports and ListUsers are not ("Amazon
 * Cognito pricing", "Monitoring and managing costs").
 */
public final class CutoverEstimator {

    /** ListUsers returns at most 60 users a page ("ListUsers", Limit). */
    static final int PAGE = 60;

    private final QuotaRates rates;
    private final int usersPerImportJob;

    /** @param usersPerImportJob users per import job (poolsync.bulk.max-users-per-job) */
    public CutoverEstimator(QuotaRates rates, int usersPerImportJob) {
        this.rates = rates;
        this.usersPerImportJob = usersPerImportJob;
    }

    /** @param targetUsers users already in the target, which every run reads */
    public List<Estimate> estimate(SourceCounts counts, long targetUsers) {
        long users = counts.replicable();
        long scan = pages(counts.users()) + pages(targetUsers);
        long jobs = users == 0 ? 0 : (users + usersPerImportJob - 1) / usersPerImportJob;

        Map<String, Long> confirmed = new LinkedHashMap<>();
        confirmed.put("ListUsers", scan);
        confirmed.put("AdminCreateUser", users);
        confirmed.put("AdminSetUserPassword", users);
        confirmed.put("AdminDisableUser", (long) counts.disabled());

        Map<String, Long> invite = new LinkedHashMap<>();
        invite.put("ListUsers", scan);
        invite.put("AdminCreateUser", users);
        invite.put("AdminDisableUser", (long) counts.disabled());

        // A bulk-loading run reads both pools, imports, then a follow-up pass reads both again (the imported users
        // included) and applies through the API what a CSV can't carry: the disabled flags.
        Map<String, Long> importJob = new LinkedHashMap<>();
        importJob.put("ListUsers", scan + pages(counts.users()) + pages(targetUsers + users));
        importJob.put("GetCSVHeader", 1L);
        importJob.put("DescribeUserPool", 1L);
        importJob.put("CreateUserImportJob", jobs);
        importJob.put("StartUserImportJob", jobs);
        importJob.put("DescribeUserImportJob", jobs);
        importJob.put("AdminDisableUser", (long) counts.disabled());

        // Each user's first sign-in runs the trigger, which signs in against the source and reads the user there.
        Map<String, Long> trigger = new LinkedHashMap<>();
        trigger.put("ListUsers", scan);
        trigger.put("AdminInitiateAuth", users);
        trigger.put("AdminGetUser", users);

        return List.of(estimate("confirmed", confirmed, users), estimate("invite", invite, users),
                estimate("import-job", importJob, counts.disabled()), estimate("update-only+trigger", trigger, users));
    }

    private Estimate estimate(String strategy, Map<String, Long> operations, long monthlyActiveUsers) {
        Map<String, Long> byCategory = new TreeMap<>();
        operations.forEach((operation, calls) -> {
            if (calls > 0) {
                byCategory.merge(rates.category(operation), calls, Long::sum);
            }
        });
        double seconds = 0;
        for (Map.Entry<String, Long> category : byCategory.entrySet()) {
            seconds = Math.max(seconds, category.getValue() / rates.rate(category.getKey()));
        }
        return new Estimate(strategy, byCategory, (long) Math.ceil(seconds), monthlyActiveUsers);
    }

    private static long pages(long users) {
        return Math.max(1, (users + PAGE - 1) / PAGE);
    }
}
