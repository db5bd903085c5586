package io.poolsync.preflight;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import io.poolsync.config.PasswordMode;
import io.poolsync.config.PoolsyncConfig;
import io.poolsync.config.SyncPolicy;

/**
 * The settings that decide what a cutover asks of the pools, read leniently: a malformed value is the sync's start-up
 * check to report, and here falls back to its default.
 *
 * @param inviteMediums EMAIL and/or SMS, for {@code invite}
 * @param importJobs    whether users are created through import jobs (poolsync.bulk.mode=import-job)
 * @param addMissing    poolsync.schema.add-missing
 * @param statuses      the source statuses poolsync replicates
 */
public record CutoverSettings(SyncPolicy policy, PasswordMode passwordMode, List<String> inviteMediums, boolean importJobs,
        boolean addMissing, AttributeMapping mapping, Set<String> statuses) {

    public CutoverSettings {
        inviteMediums = List.copyOf(inviteMediums);
        statuses = Set.copyOf(statuses);
    }

    public static CutoverSettings from(PoolsyncConfig config) {
        SyncPolicy policy = lenient(() -> SyncPolicy.parse(config.policy()), SyncPolicy.UPSERT);
        PasswordMode mode = lenient(() -> PasswordMode.parse(config.password().mode()), PasswordMode.CONFIRMED);
        List<String> mediums = config.password().inviteDeliveryMediums().stream()
                .map(medium -> medium.trim().toUpperCase(Locale.ROOT)).distinct().toList();
        Set<String> statuses = config.statuses().stream().map(status -> status.trim().toUpperCase(Locale.ROOT))
                .collect(Collectors.toSet());
        return new CutoverSettings(policy, mode, mediums, config.bulk().mode().trim().equalsIgnoreCase("import-job"),
                config.schema().addMissing(), AttributeMapping.from(config.mapping()), statuses);
    }

    private static <T> T lenient(Supplier<T> parse, T fallback) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            return fallback;
        }
    }
}
