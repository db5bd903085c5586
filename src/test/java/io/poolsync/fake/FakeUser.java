package io.poolsync.fake;

import java.util.Arrays;
import java.util.UUID;

import software.amazon.awssdk.services.cognitoidentityprovider.model.UserStatusType;

/**
 * One user, kept small for a million in memory: the sub as two longs, attributes as a flat name/value array whose
 * names are the pool's schema strings (shared, not copied), times as epoch millis. Guarded by the pool's lock.
 */
final class FakeUser {

    private static final String[] NO_ATTRIBUTES = new String[0];

    final int seq;
    final String username;
    final long subMsb;
    final long subLsb;
    String[] attributes = NO_ATTRIBUTES; // name0, value0, name1, value1, ... (never holds sub)
    long created;
    long modified;
    UserStatusType status;
    boolean enabled;
    String[] mfaEnabled = NO_ATTRIBUTES; // UserMFASettingList
    String preferredMfa;                 // PreferredMfaSetting, null when none
    boolean softwareTokenVerified;       // the user verified a TOTP authenticator

    FakeUser(int seq, String username, long subMsb, long subLsb) {
        this.seq = seq;
        this.username = username;
        this.subMsb = subMsb;
        this.subLsb = subLsb;
    }

    String sub() {
        return new UUID(subMsb, subLsb).toString();
    }

    /** The value of a standard or custom attribute, including "sub"; null when unset. */
    String attribute(String name) {
        if ("sub".equals(name)) {
            return sub();
        }
        for (int i = 0; i < attributes.length; i += 2) {
            if (attributes[i].equals(name)) {
                return attributes[i + 1];
            }
        }
        return null;
    }

    void put(String name, String value) {
        for (int i = 0; i < attributes.length; i += 2) {
            if (attributes[i].equals(name)) {
                attributes[i + 1] = value;
                return;
            }
        }
        String[] grown = Arrays.copyOf(attributes, attributes.length + 2);
        grown[attributes.length] = name;
        grown[attributes.length + 1] = value;
        attributes = grown;
    }

    void remove(String name) {
        for (int i = 0; i < attributes.length; i += 2) {
            if (attributes[i].equals(name)) {
                String[] shrunk = new String[attributes.length - 2];
                System.arraycopy(attributes, 0, shrunk, 0, i);
                System.arraycopy(attributes, i + 2, shrunk, i, attributes.length - i - 2);
                attributes = shrunk;
                return;
            }
        }
    }
}
