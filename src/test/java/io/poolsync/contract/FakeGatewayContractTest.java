package io.poolsync.contract;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import io.poolsync.cognito.PoolGateway;
import io.poolsync.cognito.TargetPool;
import io.poolsync.cognito.UserTypeMapperImpl;
import io.poolsync.fake.FakeCognito;
import io.poolsync.fake.Quotas;

/** The pool contract through the daemon's own gateway, on the fake that passes {@link CognitoContract}. */
class FakeGatewayContractTest extends PoolPortContract {

    private static final AtomicInteger POOLS = new AtomicInteger();
    private static FakeCognito fake;

    @BeforeAll
    static void startFake() {
        fake = FakeCognito.builder().quotas(Quotas.unlimited()).start();
    }

    @AfterAll
    static void stopFake() {
        fake.close();
    }

    @Override
    protected TargetPool newPool(List<String> usernameAttributes, boolean caseSensitive) {
        return new PoolGateway(fake.client(), PoolPortContract.createPool(fake.client(), "port-contract-"
                + POOLS.incrementAndGet(), usernameAttributes, caseSensitive), new UserTypeMapperImpl(), 1);
    }
}
