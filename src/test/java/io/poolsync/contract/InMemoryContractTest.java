package io.poolsync.contract;

import java.util.List;
import java.util.Map;

import io.poolsync.cognito.TargetPool;
import io.poolsync.model.PoolSchema;
import io.poolsync.testing.InMemoryPool;

/** The in-memory pool answers the pass's calls as the fake (and so Cognito) does. */
class InMemoryContractTest extends PoolPortContract {

    @Override
    protected TargetPool newPool() {
        return new InMemoryPool(new PoolSchema("eu-west-1_InMemory", List.of(), true, Map.of(),
                PoolSchema.PasswordPolicy.COGNITO_DEFAULT));
    }
}
