package io.poolsync.sync;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import io.poolsync.model.PoolSchema.PasswordPolicy;

/**
 * Fresh random passwords that satisfy the target pool's policy. Nobody ever learns them: in {@code confirmed} mode the
 * user sets their own through Forgot Password. They are never logged, stored or returned.
 */
final class RandomPasswords {

    private static final String UPPER = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    private static final String LOWER = "abcdefghijkmnopqrstuvwxyz";
    private static final String DIGITS = "23456789";
    // A subset of the symbols Cognito accepts, avoiding quotes and backslashes.
    private static final String SYMBOLS = "^$*.[]{}()?!@#%&/,><:;|_~=+-";
    /** Long enough to be unguessable; Cognito allows up to 256 characters. */
    private static final int MIN_LENGTH = 24;

    private final SecureRandom random = new SecureRandom();
    private final PasswordPolicy policy;

    RandomPasswords(PasswordPolicy policy) {
        this.policy = policy;
    }

    String next() {
        int length = Math.max(MIN_LENGTH, policy.minimumLength());
        List<Character> chars = new ArrayList<>(length);
        // One of every class whatever the policy says: a stricter policy set later still accepts it.
        for (String pool : List.of(UPPER, LOWER, DIGITS, SYMBOLS)) {
            chars.add(pick(pool));
        }
        String all = UPPER + LOWER + DIGITS + SYMBOLS;
        while (chars.size() < length) {
            chars.add(pick(all));
        }
        Collections.shuffle(chars, random);
        StringBuilder password = new StringBuilder(length);
        chars.forEach(password::append);
        return password.toString();
    }

    private char pick(String pool) {
        return pool.charAt(random.nextInt(pool.length()));
    }
}
