package io.poolsync.plan;

import java.security.SecureRandom;
import java.util.Collection;
import java.util.Map;
import java.util.function.Predicate;

import io.poolsync.model.LinkedIdentity;

/**
 * 64-bit digests of match keys, source subs, users' replicated attributes and linked identities, as
 * {@link TargetUserStore} keeps them instead of the strings.
 *
 * <p>A digest only ever decides that two things are <em>probably</em> equal; whoever acts on it confirms: a username
 * exactly, a user by reading it again before writing. A collision therefore costs a re-read or a skip with a reason,
 * never a wrong write. Each index draws a fresh seed, so a collision does not repeat in the next run. The hash is not
 * meant to resist crafted collisions; with the confirmation, a crafted one costs only that re-read or skip.
 *
 * @param seed mixed into every digest
 * @param bits how many bits a digest keeps: 64 in production; tests keep two or three to force collisions
 */
public record Digests(long seed, int bits) {

    private static final long C1 = 0x87c37b91114253d5L;
    private static final long C2 = 0x4cf5ad432745937fL;

    public Digests {
        if (bits < 1 || bits > 64) {
            throw new IllegalArgumentException("bits must be 1 to 64: " + bits);
        }
    }

    /** Full 64-bit digests with a seed of their own. */
    public static Digests seeded() {
        return new Digests(new SecureRandom().nextLong(), 64);
    }

    public long of(String value) {
        return keep(hash(seed, value));
    }

    /**
     * The digest of the attributes {@code included} accepts, whatever their order: both the target user and the
     * desired user are digested this way, so equal digests mean (barring a collision) equal attributes.
     */
    public long ofAttributes(Map<String, String> attributes, Predicate<String> included) {
        Pairs pairs = new Pairs();
        for (Map.Entry<String, String> attribute : attributes.entrySet()) {
            if (included.test(attribute.getKey())) {
                pairs.add(attribute.getKey(), attribute.getValue());
            }
        }
        return pairs.digest();
    }

    /**
     * The digest of a user's linked identities by provider name and subject alone, whatever their order and whatever
     * the {@code identities} attribute says of their type, issuer, primary flag and date: the target user's as read,
     * and the ones a source user's links leave it with, are digested this way.
     */
    public long ofIdentities(Collection<LinkedIdentity> identities) {
        Pairs pairs = new Pairs();
        identities.forEach(identity -> pairs.add(identity.providerName(), identity.userId()));
        return pairs.digest();
    }

    /** Name-value pairs, each hashed on its own, then combined two ways that don't depend on order. */
    private final class Pairs {

        private long sum;
        private long xor;
        private int count;

        void add(String name, String value) {
            long pair = fmix(hash(hash(seed, name), value));
            sum += pair;
            xor ^= Long.rotateLeft(pair * C1, 29);
            count++;
        }

        long digest() {
            return keep(fmix(sum ^ fmix(xor + count)));
        }
    }

    private long keep(long digest) {
        return bits == 64 ? digest : digest & ((1L << bits) - 1);
    }

    /** A Murmur3-style hash of the string's UTF-16 chars, four to a block, with its length. */
    private static long hash(long start, String value) {
        long h = start ^ value.length();
        int i = 0;
        for (; i + 4 <= value.length(); i += 4) {
            long block = value.charAt(i) | (long) value.charAt(i + 1) << 16 | (long) value.charAt(i + 2) << 32
                    | (long) value.charAt(i + 3) << 48;
            h = step(h, block);
        }
        long tail = 0;
        for (int shift = 0; i < value.length(); i++, shift += 16) {
            tail |= (long) value.charAt(i) << shift;
        }
        return fmix(step(h, tail) ^ value.length());
    }

    private static long step(long h, long block) {
        long k = Long.rotateLeft(block * C1, 31) * C2;
        return Long.rotateLeft(h ^ k, 27) * 5 + 0x52dce729;
    }

    /** Murmur3's 64-bit finaliser: every input bit affects every output bit. */
    static long fmix(long k) {
        k ^= k >>> 33;
        k *= 0xff51afd7ed558ccdL;
        k ^= k >>> 33;
        k *= 0xc4ceb9fe1a85ec53L;
        k ^= k >>> 33;
        return k;
    }
}
