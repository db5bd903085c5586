package io.poolsync.sync;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import io.poolsync.cognito.PoolReader;
import io.poolsync.model.PoolGroup;
import io.poolsync.model.PoolSchema;
import io.poolsync.model.PoolUser;

/**
 * The target as the applier reads it for one user event mode has just read: the applier's read right before writing
 * (the ownership check and the exact change) is answered by that read, made moments before in the same user's work,
 * instead of a second AdminGetUser. Everything else goes to the target.
 */
final class JustReadTarget implements PoolReader {

    private final PoolReader target;
    private final PoolUser justRead;

    JustReadTarget(PoolReader target, PoolUser justRead) {
        this.target = target;
        this.justRead = justRead;
    }

    @Override
    public Optional<PoolUser> findUser(String username) {
        return justRead.username().equals(username) ? Optional.of(justRead) : target.findUser(username);
    }

    @Override
    public PoolSchema describe() {
        return target.describe();
    }

    @Override
    public void forEachUser(Optional<String> filter, Consumer<PoolUser> sink) {
        target.forEachUser(filter, sink);
    }

    @Override
    public List<PoolGroup> groups() {
        return target.groups();
    }

    @Override
    public void forEachMember(String group, Consumer<PoolUser> sink) {
        target.forEachMember(group, sink);
    }

    @Override
    public Set<String> groupsOf(String username) {
        return target.groupsOf(username);
    }
}
