package io.poolsync.cognito;

import java.util.Optional;
import java.util.function.Consumer;

import io.poolsync.model.PoolSchema;
import io.poolsync.model.PoolUser;

/** Reads one pool. */
public interface PoolReader {

    PoolSchema describe();

    /** Every user of the pool, page by page until Cognito returns no pagination token. */
    void forEachUser(Consumer<PoolUser> sink);

    Optional<PoolUser> findUser(String username);
}
