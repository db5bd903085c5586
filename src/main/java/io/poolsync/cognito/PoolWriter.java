package io.poolsync.cognito;

import java.util.Collection;
import java.util.List;
import java.util.Map;

import io.poolsync.model.PoolGroup;

/** Writes to one pool. Only the applier holds one. */
public interface PoolWriter {

    /**
     * AdminCreateUser.
     *
     * @param invitationMediums where Cognito sends its invitation with a temporary password; empty suppresses it
     * @throws PoolCallException with {@link PoolCallException#USERNAME_EXISTS} when the user already exists
     */
    void createUser(String username, Map<String, String> attributes, List<String> invitationMediums);

    /** AdminSetUserPassword with Permanent=true: the user becomes CONFIRMED. */
    void setPermanentPassword(String username, String password);

    void updateAttributes(String username, Map<String, String> attributes);

    /**
     * AdminDeleteUserAttributes (Amazon Cognito API Reference: custom attributes by their {@code custom:} name, at
     * most 32 names a request).
     */
    void deleteAttributes(String username, Collection<String> names);

    void setEnabled(String username, boolean enabled);

    void deleteUser(String username);

    void createGroup(PoolGroup group);

    void updateGroup(PoolGroup group);

    void addToGroup(String username, String group);

    void removeFromGroup(String username, String group);
}
