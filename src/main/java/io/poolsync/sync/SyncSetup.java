package io.poolsync.sync;

import org.jboss.logging.Logger;

import io.poolsync.cognito.Pools;
import io.poolsync.config.PoolsyncConfig;
import io.poolsync.preflight.AttributeMapping;
import io.poolsync.preflight.SchemaBootstrap;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

/** Reads both pools' schemas at start-up and checks the configuration against them; start-up fails if it can't work. */
@Startup
@ApplicationScoped
public class SyncSetup {

    private static final Logger LOG = Logger.getLogger(SyncSetup.class);

    private final SyncSettings settings;

    public SyncSetup(PoolsyncConfig config, Pools pools) {
        if (config.schema().addMissing()) {
            // Before the schemas are checked, so the attributes it adds count.
            SchemaBootstrap.addMissing(pools.sourceInspector(), pools.target(), AttributeMapping.from(config.mapping()));
        }
        this.settings = SyncSettings.from(config, pools.source().describe(), pools.target().describe());
        if (settings.bulk().importJobs()) {
            // Also proves, before any run, that poolsync may call GetCSVHeader on the target.
            settings.bulk().check(pools.target().importTemplate());
        }
        settings.warnings().forEach(warning -> LOG.warn(warning));
        LOG.infof("poolsync: %s -> %s, matching users by %s, password mode %s", config.source().poolId(),
                config.target().poolId(), settings.matchKey().describe(), settings.passwordMode());
    }

    public SyncSettings settings() {
        return settings;
    }
}
