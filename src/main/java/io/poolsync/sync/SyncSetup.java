package io.poolsync.sync;

import java.util.List;
import java.util.function.Supplier;

import org.jboss.logging.Logger;

import io.poolsync.cognito.Pools;
import io.poolsync.config.InvalidConfigException;
import io.poolsync.config.PoolsyncConfig;
import io.poolsync.preflight.AttributeMapping;
import io.poolsync.preflight.SchemaBootstrap;
import io.quarkus.runtime.Startup;
import io.quarkus.runtime.configuration.ConfigurationException;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Reads both pools' schemas at start-up and checks the configuration against them; start-up fails if it can't work,
 * with one line per problem naming the setting (or the pool) and what to do.
 */
@Startup
@ApplicationScoped
public class SyncSetup {

    private static final Logger LOG = Logger.getLogger(SyncSetup.class);

    private final SyncSettings settings;

    public SyncSetup(PoolsyncConfig config, Pools pools) {
        try {
            if (config.schema().addMissing()) {
                // Before the schemas are checked, so the attributes it adds count.
                SchemaBootstrap.addMissing(pools.sourceInspector(), pools.target(), AttributeMapping.from(config.mapping()));
            }
            this.settings = SyncSettings.from(config, read("source", config.source(), pools.source()::describe),
                    read("target", config.target(), pools.target()::describe));
            if (settings.bulk().importJobs()) {
                // Also proves, before any run, that poolsync may call GetCSVHeader on the target.
                settings.bulk().check(read("target", config.target(), pools.target()::importTemplate));
            }
        } catch (InvalidConfigException e) {
            // Quarkus prints a ConfigurationException without a cause as its message alone, no stack trace;
            // quarkus.log.category."io.poolsync.sync".level=DEBUG shows the trace.
            LOG.debug("start-up refused", e);
            throw new ConfigurationException(e.getMessage());
        }
        settings.warnings().forEach(warning -> LOG.warn(warning));
        LOG.infof("poolsync: %s -> %s, matching users by %s, password mode %s", config.source().poolId(),
                config.target().poolId(), settings.matchKey().describe(), settings.passwordMode());
    }

    /** A pool's answer, or the problem naming the pool, where poolsync looked for it, and what to check. */
    static <T> T read(String side, PoolsyncConfig.Pool pool, Supplier<T> call) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            String where = pool.endpoint().map(endpoint -> "at " + endpoint).orElse("in " + pool.effectiveRegion());
            throw new InvalidConfigException(List.of("poolsync." + side + ": can't read the " + side + " pool "
                    + pool.poolId() + " " + where + ": " + e.getMessage() + "; check poolsync." + side + ".pool-id, "
                    + "region, endpoint and role-arn, the network, and that the credentials may call Cognito there"));
        }
    }

    public SyncSettings settings() {
        return settings;
    }
}
