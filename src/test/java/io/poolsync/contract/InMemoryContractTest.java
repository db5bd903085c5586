package io.poolsync.contract;

import java.util.List;
import java.util.Map;

import io.poolsync.cognito.TargetPool;
import io.poolsync.model.PoolSchema;
import io.poolsync.testing.InMemoryPool;

/** The in-memory pool answers the pass's calls as the fake (and so Cognito) does. */
class InMemoryContractTest extends PoolPortContract {

    @Override
    protected TargetPool newPool(List<String> usernameAttributes, boolean caseSensitive) {
        return new InMemoryPool(new PoolSchema("eu-west-1_InMemory", usernameAttributes, caseSensitive, Map.of(),
                PoolSchema.PasswordPolicy.COGNITO_DEFAULT));
    }
}
