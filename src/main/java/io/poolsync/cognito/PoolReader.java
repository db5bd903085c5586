package io.poolsync.cognito;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import io.poolsync.model.PoolGroup;
import io.poolsync.model.PoolSchema;
import io.poolsync.model.PoolUser;

/** Reads one pool. */
public interface PoolReader {

    PoolSchema describe();

    /**
     * Every user of the pool, page by page until Cognito returns no pagination token.
     *
     * @param filter a ListUsers filter expression, or empty for every user
     */
    void forEachUser(Optional<String> filter, Consumer<PoolUser> sink);

    /** Every group of the pool. */
    List<PoolGroup> groups();

    /** A group's members, page by page, as ListUsersInGroup lists them (with their attributes). */
    void forEachMember(String group, Consumer<PoolUser> sink);

    Optional<PoolUser> findUser(String username);

    /** The names of the groups one user belongs to (AdminListGroupsForUser), page by page. */
    Set<String> groupsOf(String username);
}
