package io.poolsync.sync;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.jboss.logging.Logger;

import io.poolsync.cognito.PoolCallException;
import io.poolsync.cognito.Pools;
import io.poolsync.config.InvalidConfigException;
import io.poolsync.config.PoolsyncConfig;
import io.poolsync.model.IdentityProvider;
import io.poolsync.model.MfaFactors;
import io.poolsync.model.PoolSchema;
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
    private final SignInSettings signIn;

    public SyncSetup(PoolsyncConfig config, Pools pools) {
        try {
            if (config.schema().addMissing()) {
                // Before the schemas are checked, so the attributes it adds count.
                SchemaBootstrap.addMissing(pools.sourceInspector(), pools.target(), AttributeMapping.from(config.mapping()));
            }
            PoolSchema source = read("source", config.source(), pools.source()::describe);
            PoolSchema target = read("target", config.target(), pools.target()::describe);
            SyncSettings checked = SyncSettings.from(config, source, target);
            this.signIn = signIn(config, pools, target);
            this.settings = checked.withSignIn(signIn);
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
        signIn.warnings().forEach(warning -> LOG.warn(warning));
        if (signIn.federation().link()) {
            LOG.infof("federated identities are linked; the target's identity providers: %s",
                    signIn.federation().targetProviders());
        }
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

    public SignInSettings signIn() {
        return signIn;
    }

    /** Reads what the federation and MFA settings depend on only when they are on, each failure naming its setting. */
    private static SignInSettings signIn(PoolsyncConfig config, Pools pools, PoolSchema target) {
        List<String> problems = new ArrayList<>();
        List<IdentityProvider> sourceProviders = List.of();
        List<IdentityProvider> targetProviders = List.of();
        MfaFactors factors = new MfaFactors("OFF", Set.of());
        try {
            if (config.federation().link()) {
                sourceProviders = pools.sourceSignIn().identityProviders();
                targetProviders = pools.target().identityProviders();
            }
        } catch (PoolCallException e) {
            problems.add("poolsync.federation.link=true needs ListIdentityProviders on both pools: " + e.getMessage());
        }
        try {
            if (config.mfa().copy()) {
                factors = pools.target().mfaFactors();
            }
        } catch (PoolCallException e) {
            problems.add("poolsync.mfa.copy=true needs GetUserPoolMfaConfig on the target pool: " + e.getMessage());
        }
        // Cognito links identities only to users whose attributes are all mutable; these are written as they are.
        Set<String> immutableWritten = new TreeSet<>();
        Stream.concat(Stream.of(config.mapping().sourceSubAttribute()),
                config.mapping().createOnly().orElse(List.of()).stream())
                .filter(name -> target.attribute(name).filter(attribute -> !attribute.mutable()).isPresent())
                .forEach(immutableWritten::add);
        SignInSettings signIn = SignInSettings.from(config.federation(), config.mfa(), sourceProviders, targetProviders,
                factors, immutableWritten, problems);
        if (!problems.isEmpty()) {
            throw new InvalidConfigException(problems);
        }
        return signIn;
    }
}
