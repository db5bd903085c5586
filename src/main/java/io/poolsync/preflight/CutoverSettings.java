package io.poolsync.preflight;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import io.poolsync.config.BulkMode;
import io.poolsync.config.DeliveryMedium;
import io.poolsync.config.PasswordMode;
import io.poolsync.config.PoolsyncConfig;
import io.poolsync.config.SyncPolicy;

/**
 * The settings that decide what a cutover asks of the pools.
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
        List<String> mediums = config.password().inviteDeliveryMediums().stream().map(DeliveryMedium::name).distinct()
                .toList();
        Set<String> statuses = config.statuses().stream().map(status -> status.trim().toUpperCase(Locale.ROOT))
                .collect(Collectors.toSet());
        return new CutoverSettings(config.policy(), config.password().mode(), mediums,
                config.bulk().mode() == BulkMode.IMPORT_JOB,
                config.schema().addMissing(), AttributeMapping.from(config.mapping()), statuses);
    }
}
