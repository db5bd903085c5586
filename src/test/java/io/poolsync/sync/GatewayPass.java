package io.poolsync.sync;

import java.time.Clock;

import io.poolsync.cognito.Pools;
import io.poolsync.cognito.PoolsShutdown;
import io.poolsync.cognito.UserTypeMapperImpl;
import io.poolsync.config.PoolsyncConfig;
import io.poolsync.fake.FakeCognito;
import io.poolsync.testing.PoolSeed;
import io.poolsync.testing.Backend;
import io.poolsync.testing.TestConfig;
import io.poolsync.testing.TestPools;
import io.poolsync.testing.WithPools;

/**
 * The sync pass as the daemon runs it, through poolsync's gateways to pools in the fake Cognito or cognito-local, without
 * Quarkus: the gateway-backed sibling of {@link InMemoryPass}, for scenario tests about what Cognito does (quotas,
 * faults, import jobs, identities, MFA) or about a real emulator's answers. It builds what the daemon's beans build: {@link Pools} and {@link SyncSetup} from the
 * settings (so start-up reads and checks both pools), one {@link MfaRefresh.Cadence} for its lifetime, and per run a
 * {@link SyncRun} and a {@link SyncPass} with {@code poolsync.apply.concurrency}, as {@link SyncService} does; it logs
 * the run's summary line as the daemon does. Unlike the daemon, the pass runs in the caller's thread, no progress
 * tracker listens, and a pass that throws fails the test with its stack trace instead of ending the run FAILED.
 *
 * @param <P> the seed's view of the pools
 */
public final class GatewayPass<P> implements AutoCloseable {

    private final Backend<P> backend;
    private final Pools pools;
    private final SyncSetup setup;
    private final int concurrency;
    private final Clock clock = Clock.systemUTC();
    private final MfaRefresh.Cadence mfaRefreshRuns = new MfaRefresh.Cadence(clock);

    private GatewayPass(Backend<P> backend) {
        this.backend = backend;
        PoolsyncConfig config = TestConfig.poolsync(backend.settings());
        this.concurrency = config.apply().concurrency();
        this.pools = new Pools(config, new UserTypeMapperImpl());
        try {
            this.setup = new SyncSetup(config, pools);
        } catch (RuntimeException e) {
            PoolsShutdown.close(pools);
            throw e;
        }
    }

    /**
     * Starts the fake, creates the seed's pools in it, and starts poolsync on them with the settings a
     * {@code @WithPools(cognito = FAKE)} test would get ({@link Backend}).
     *
     * @param args the seed's args and {@code poolsync.*} settings, name and value in turn
     */
    public static <P> GatewayPass<P> onFake(PoolSeed<P> seed, String... args) {
        return start(WithPools.Cognito.FAKE, seed, args);
    }

    /** The same on the test JVM's cognito-local, in pools of its own ({@link io.poolsync.testing.EmptyPools}'s args). */
    public static GatewayPass<TestPools> onCognitoLocal(PoolSeed<TestPools> seed, String... args) {
        return start(WithPools.Cognito.LOCAL, seed, args);
    }

    private static <P> GatewayPass<P> start(WithPools.Cognito cognito, PoolSeed<P> seed, String... args) {
        Backend<P> backend = Backend.start(cognito, seed, InMemoryPass.pairs(args));
        try {
            return new GatewayPass<>(backend);
        } catch (RuntimeException e) {
            backend.close();
            throw e;
        }
    }

    public P pools() {
        return backend.pools();
    }

    public String sourcePoolId() {
        return backend.sourcePoolId();
    }

    public String targetPoolId() {
        return backend.targetPoolId();
    }

    public FakeCognito fake() {
        return backend.fake();
    }

    /** A run, as {@code POST /sync} starts one, finished. */
    public SyncRun run() throws InterruptedException {
        return run(false);
    }

    /** A dry run, as {@code POST /sync?dryRun=true} starts one, finished. */
    public SyncRun dryRun() throws InterruptedException {
        return run(true);
    }

    private SyncRun run(boolean dryRun) throws InterruptedException {
        SyncRun run = new SyncRun(SyncRun.Trigger.API, dryRun || setup.settings().dryRun(), clock);
        new SyncPass(pools.source(), pools.target(), setup.settings(), concurrency, mfaRefreshRuns)
                .run(run, RunListener.NO_OP);
        run.finish();
        RunSummaryLine.log(run);
        return run;
    }

    @Override
    public void close() {
        try {
            PoolsShutdown.close(pools);
        } finally {
            backend.close();
        }
    }
}
