package io.poolsync.plan;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.UUID;

/**
 * The strongest claim on each match key among the source users the planner defers (see {@link Planner}): in an
 * initial sync that is every source user, so a claim takes 32 bytes (key digest, create date, the sub in 16 bytes) in
 * chunked primitive arrays, about 45 bytes a user with the table's free slots, instead of a map of strings. Not
 * thread-safe: the planning guards it.
 *
 * <p>The strongest claim is the earliest UserCreateDate, then the smallest sub. A sub is a UUID (Cognito generates
 * it), kept as its 128 bits, whose unsigned order is the order of its canonical text; any other sub is kept as its
 * first 16 characters, so two such subs alike in those count as one.
 */
final class KeyClaims {

    private static final int STRIDE = 4;
    private static final int KEY = 0;
    private static final int CREATED = 1;
    private static final int SUB_HIGH = 2;
    private static final int SUB_LOW = 3;
    private static final int CHUNK_BITS = 14;
    private static final int CHUNK_SLOTS = 1 << CHUNK_BITS;
    private static final double MAX_LOAD = 0.75;

    private List<long[]> chunks = new ArrayList<>();
    private BitSet used = new BitSet();
    private long capacity;
    private long size;

    KeyClaims() {
        allocate(1024);
    }

    /** Records a claim on the key; it replaces the one held only when it is stronger. */
    void claim(long keyDigest, long createdMillis, String sub) {
        if (size + 1 > capacity * MAX_LOAD) {
            grow();
        }
        long slot = find(keyDigest);
        long[] packed = pack(sub);
        if (!used.get((int) slot)) {
            put(slot, keyDigest, createdMillis, packed[0], packed[1]);
            used.set((int) slot);
            size++;
        } else if (stronger(createdMillis, packed, get(slot, CREATED), get(slot, SUB_HIGH), get(slot, SUB_LOW))) {
            put(slot, keyDigest, createdMillis, packed[0], packed[1]);
        }
    }

    /** Whether the claim held on the key is the one of the source user with this sub. */
    boolean heldBy(long keyDigest, String sub) {
        long slot = find(keyDigest);
        long[] packed = pack(sub);
        return used.get((int) slot) && get(slot, SUB_HIGH) == packed[0] && get(slot, SUB_LOW) == packed[1];
    }

    private static boolean stronger(long created, long[] sub, long heldCreated, long heldHigh, long heldLow) {
        if (created != heldCreated) {
            return created < heldCreated;
        }
        int high = Long.compareUnsigned(sub[0], heldHigh);
        return high != 0 ? high < 0 : Long.compareUnsigned(sub[1], heldLow) < 0;
    }

    /** A UUID as its two halves; other text as its first 16 characters, big-endian (characters past 255 clamp). */
    private static long[] pack(String sub) {
        if (sub.length() == 36) {
            try {
                UUID uuid = UUID.fromString(sub);
                if (uuid.toString().equals(sub)) {
                    return new long[] {uuid.getMostSignificantBits(), uuid.getLeastSignificantBits()};
                }
            } catch (IllegalArgumentException notAUuid) {
                // packed as text below
            }
        }
        long[] packed = new long[2];
        for (int i = 0; i < 16; i++) {
            packed[i / 8] = packed[i / 8] << 8 | (i < sub.length() ? Math.min(sub.charAt(i), 255) : 0);
        }
        return packed;
    }

    private long find(long keyDigest) {
        long slot = ((Digests.fmix(keyDigest) >>> 32) * capacity) >>> 32;
        while (used.get((int) slot) && get(slot, KEY) != keyDigest) {
            slot = slot + 1 == capacity ? 0 : slot + 1;
        }
        return slot;
    }

    private void grow() {
        List<long[]> oldChunks = chunks;
        BitSet oldUsed = used;
        allocate(capacity * 3 / 2);
        for (int slot = oldUsed.nextSetBit(0); slot >= 0; slot = oldUsed.nextSetBit(slot + 1)) {
            long[] chunk = oldChunks.get(slot >>> CHUNK_BITS);
            int base = (slot & (CHUNK_SLOTS - 1)) * STRIDE;
            long target = find(chunk[base + KEY]);
            put(target, chunk[base + KEY], chunk[base + CREATED], chunk[base + SUB_HIGH], chunk[base + SUB_LOW]);
            used.set((int) target);
        }
    }

    private void allocate(long slots) {
        capacity = slots;
        chunks = new ArrayList<>();
        for (long allocated = 0; allocated < slots; allocated += CHUNK_SLOTS) {
            chunks.add(new long[(int) Math.min(CHUNK_SLOTS, slots - allocated) * STRIDE]);
        }
        used = new BitSet((int) slots);
    }

    private long get(long slot, int field) {
        return chunks.get((int) (slot >>> CHUNK_BITS))[(int) (slot & (CHUNK_SLOTS - 1)) * STRIDE + field];
    }

    private void put(long slot, long key, long created, long subHigh, long subLow) {
        long[] chunk = chunks.get((int) (slot >>> CHUNK_BITS));
        int base = (int) (slot & (CHUNK_SLOTS - 1)) * STRIDE;
        chunk[base + KEY] = key;
        chunk[base + CREATED] = created;
        chunk[base + SUB_HIGH] = subHigh;
        chunk[base + SUB_LOW] = subLow;
    }
}
