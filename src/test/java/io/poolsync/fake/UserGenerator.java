package io.poolsync.fake;

import software.amazon.awssdk.services.cognitoidentityprovider.model.UserStatusType;

/**
 * Users derived from their number, for pools too large to store: the fake computes a generated user when it is read
 * and keeps only those that are written (see {@link FakeCognito#seedGeneratedUsers}). Every method must answer the
 * same for the same number.
 */
public interface UserGenerator {

    String username(int number);

    /** The number whose {@link #username} this is, or -1 when it is none of the generated ones. */
    int number(String username);

    /** Attribute names and values, alternating (name0, value0, name1, value1, ...), without {@code sub}. */
    String[] attributes(int number);

    boolean enabled(int number);

    UserStatusType status(int number);
}
