package io.poolsync.plan;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Every user of the target pool in at most 64 bytes of heap, so that a run over a 10-million-user target fits a 1 GiB
 * heap (README, "Large pools"). Not thread-safe: {@link TargetIndex} guards it.
 *
 * <p>A user is six longs in chunked primitive arrays (48 bytes): digests ({@link Digests}) of its match key, of its
 * source sub and of its replicated attributes together with its linked identities; its username in 16 bytes; and one
 * word holding its create date (ms), status, enabled flag and the run's marks. Two open-addressing tables of
 * {@code int}s find users by key digest and by source-sub digest (4 bytes a slot, 64–80% full: 10–12.5 bytes a user
 * for both). A user's groups are an id into the
 * distinct sets of groups users are in, kept in the same word while a pool has fewer than 1,023 such sets (past that,
 * an {@code int} more for each user in a chunk that needs one).
 *
 * <p>The username is kept exactly, because writes address the user by it: a canonical UUID (what Cognito generates in
 * pools that sign in by email or phone) packs into its 16 bytes, so does any username of up to 16 bytes in UTF-8;
 * longer ones (Cognito allows 128 characters) go to a spill area and add their length in bytes to the user's share.
 *
 * <p>A lookup by digest answers every user whose stored digest is equal, collisions and duplicate keys alike; the
 * caller confirms (see {@link Digests}).
 */
final class TargetUserStore {

    private static final int CHUNK_BITS = 13;
    private static final int CHUNK_USERS = 1 << CHUNK_BITS;
    private static final int STRIDE = 6;
    private static final int KEY = 0;
    private static final int SOURCE_SUB = 1;
    private static final int STATE = 2;
    private static final int NAME_A = 3;
    private static final int NAME_B = 4;
    private static final int META = 5;

    // META: create date in ms since the epoch (42 bits: until 2109), then the status and flags.
    private static final long CREATED_MASK = (1L << 42) - 1;
    private static final int STATUS_SHIFT = 42;
    private static final long STATUS_MASK = 0x1F;
    private static final long ENABLED = 1L << 47;
    private static final int FORM_SHIFT = 48;
    private static final long HAS_KEY = 1L << 50;
    private static final long OWNED = 1L << 51;
    private static final long MATCHED = 1L << 52;
    private static final long KEY_CLAIMED = 1L << 53;
    /** The user's set of groups, when its id is below {@link #GROUPS_ELSEWHERE}; otherwise {@link #groupOverflow}. */
    private static final int GROUPS_SHIFT = 54;
    private static final int GROUPS_ELSEWHERE = 1023;

    private static final int INLINE = 0;
    private static final int UUID_FORM = 1;
    private static final int SPILLED = 2;
    private static final int INLINE_BYTES = 16;

    private static final int SPILL_CHUNK_BITS = 20;
    private static final int SPILL_CHUNK = 1 << SPILL_CHUNK_BITS;

    private final List<long[]> chunks = new ArrayList<>();
    private final ProbeTable byKey = new ProbeTable(KEY);
    private final ProbeTable bySourceSub = new ProbeTable(SOURCE_SUB);
    private final List<String> statuses = new ArrayList<>();
    private final List<byte[]> spill = new ArrayList<>();
    private int spillUsed = SPILL_CHUNK;
    private final GroupSets groupSets = new GroupSets();
    /** Group set ids too large for the user's word, in chunks of users; a chunk is made when a user needs one. */
    private final List<int[]> groupOverflow = new ArrayList<>();
    private int size;

    /**
     * One user to add.
     *
     * @param keyDigest       ignored when {@code hasKey} is false: the user has nothing to be matched by
     * @param sourceSubDigest ignored when {@code owned} is false
     * @param stateDigest     of its replicated attributes and linked identities ({@link TargetIndex#stateDigest})
     * @param createdMillis   Cognito's UserCreateDate; decides between users with the same key
     */
    record User(String username, boolean hasKey, long keyDigest, boolean owned, long sourceSubDigest, long stateDigest,
            String status, boolean enabled, long createdMillis) {
    }

    /** @return the user's number: users are numbered 0, 1, 2, ... in the order they are added */
    int add(User user) {
        int entry = size;
        if ((entry & (CHUNK_USERS - 1)) == 0) {
            chunks.add(new long[CHUNK_USERS * STRIDE]);
        }
        long[] chunk = chunks.get(entry >>> CHUNK_BITS);
        int base = (entry & (CHUNK_USERS - 1)) * STRIDE;
        chunk[base + KEY] = user.keyDigest();
        chunk[base + SOURCE_SUB] = user.sourceSubDigest();
        chunk[base + STATE] = user.stateDigest();
        int form = packUsername(user.username(), chunk, base);
        chunk[base + META] = Math.max(0, Math.min(user.createdMillis(), CREATED_MASK))
                | (long) statusId(user.status()) << STATUS_SHIFT
                | (user.enabled() ? ENABLED : 0)
                | (long) form << FORM_SHIFT
                | (user.hasKey() ? HAS_KEY : 0)
                | (user.owned() ? OWNED : 0);
        size++;
        if (user.hasKey()) {
            byKey.add(entry);
        }
        if (user.owned()) {
            bySourceSub.add(entry);
        }
        return entry;
    }

    int size() {
        return size;
    }

    /** The users with a key of this digest: none, one, or several (duplicate keys, or a collision). */
    int[] withKey(long keyDigest) {
        return byKey.find(keyDigest);
    }

    /** The owned users whose source sub has this digest. */
    int[] withSourceSub(long sourceSubDigest) {
        return bySourceSub.find(sourceSubDigest);
    }

    String username(int entry) {
        long[] chunk = chunk(entry);
        int base = base(entry);
        long a = chunk[base + NAME_A];
        long b = chunk[base + NAME_B];
        return switch (form(entry)) {
            case UUID_FORM -> new UUID(a, b).toString();
            case SPILLED -> new String(spill.get((int) (a >>> SPILL_CHUNK_BITS)), (int) (a & (SPILL_CHUNK - 1)), (int) b,
                    StandardCharsets.UTF_8);
            default -> {
                byte[] bytes = new byte[INLINE_BYTES];
                int length = 0;
                for (; length < INLINE_BYTES; length++) {
                    byte next = (byte) ((length < 8 ? a : b) >>> (8 * (length & 7)));
                    if (next == 0) {
                        break;
                    }
                    bytes[length] = next;
                }
                yield new String(bytes, 0, length, StandardCharsets.UTF_8);
            }
        };
    }

    boolean hasKey(int entry) {
        return (meta(entry) & HAS_KEY) != 0;
    }

    long keyDigest(int entry) {
        return field(entry, KEY);
    }

    /** Whether the user carries a source sub: poolsync's owner mark. */
    boolean owned(int entry) {
        return (meta(entry) & OWNED) != 0;
    }

    long sourceSubDigest(int entry) {
        return field(entry, SOURCE_SUB);
    }

    long stateDigest(int entry) {
        return field(entry, STATE);
    }

    boolean enabled(int entry) {
        return (meta(entry) & ENABLED) != 0;
    }

    String status(int entry) {
        return statuses.get((int) (meta(entry) >>> STATUS_SHIFT & STATUS_MASK));
    }

    long createdMillis(int entry) {
        return meta(entry) & CREATED_MASK;
    }

    /** Set once a source user matched this one in the run, so it is not taken for a removal. */
    boolean matched(int entry) {
        return (meta(entry) & MATCHED) != 0;
    }

    void markMatched(int entry) {
        setMeta(entry, MATCHED);
    }

    /** Set once a source user with this user's key was planned, so a second one with the same key is told apart. */
    boolean keyClaimed(int entry) {
        return (meta(entry) & KEY_CLAIMED) != 0;
    }

    void claimKey(int entry) {
        setMeta(entry, KEY_CLAIMED);
    }

    Set<String> groups(int entry) {
        return groupSets.members(groupSet(entry));
    }

    void addGroup(int entry, String group) {
        int set = groupSets.with(groupSet(entry), group);
        long[] chunk = chunk(entry);
        int at = base(entry) + META;
        chunk[at] = chunk[at] & ~(-1L << GROUPS_SHIFT) | (long) Math.min(set, GROUPS_ELSEWHERE) << GROUPS_SHIFT;
        if (set >= GROUPS_ELSEWHERE) {
            int overflow = entry >>> CHUNK_BITS;
            while (groupOverflow.size() <= overflow) {
                groupOverflow.add(null);
            }
            if (groupOverflow.get(overflow) == null) {
                groupOverflow.set(overflow, new int[CHUNK_USERS]);
            }
            groupOverflow.get(overflow)[entry & (CHUNK_USERS - 1)] = set;
        }
    }

    private int groupSet(int entry) {
        int set = (int) (meta(entry) >>> GROUPS_SHIFT);
        return set < GROUPS_ELSEWHERE ? set : groupOverflow.get(entry >>> CHUNK_BITS)[entry & (CHUNK_USERS - 1)];
    }

    private int packUsername(String username, long[] chunk, int base) {
        if (username.length() == 36) {
            try {
                UUID uuid = UUID.fromString(username);
                if (uuid.toString().equals(username)) {
                    chunk[base + NAME_A] = uuid.getMostSignificantBits();
                    chunk[base + NAME_B] = uuid.getLeastSignificantBits();
                    return UUID_FORM;
                }
            } catch (IllegalArgumentException notAUuid) {
                // stored as text below
            }
        }
        byte[] bytes = username.getBytes(StandardCharsets.UTF_8);
        // Zero bytes pad an inline username; UTF-8 has them only for U+0000, which no Cognito username holds.
        if (bytes.length <= INLINE_BYTES && indexOfZero(bytes) < 0) {
            long a = 0;
            long b = 0;
            for (int i = 0; i < bytes.length; i++) {
                long value = (bytes[i] & 0xFFL) << (8 * (i & 7));
                if (i < 8) {
                    a |= value;
                } else {
                    b |= value;
                }
            }
            chunk[base + NAME_A] = a;
            chunk[base + NAME_B] = b;
            return INLINE;
        }
        if (bytes.length > SPILL_CHUNK) {
            throw new IllegalArgumentException("a username of " + bytes.length + " bytes");
        }
        if (spillUsed + bytes.length > SPILL_CHUNK) {
            spill.add(new byte[SPILL_CHUNK]);
            spillUsed = 0;
        }
        System.arraycopy(bytes, 0, spill.get(spill.size() - 1), spillUsed, bytes.length);
        chunk[base + NAME_A] = (long) (spill.size() - 1) << SPILL_CHUNK_BITS | spillUsed;
        chunk[base + NAME_B] = bytes.length;
        spillUsed += bytes.length;
        return SPILLED;
    }

    private static int indexOfZero(byte[] bytes) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                return i;
            }
        }
        return -1;
    }

    private int statusId(String status) {
        int id = statuses.indexOf(status);
        if (id >= 0) {
            return id;
        }
        if (statuses.size() > STATUS_MASK) {
            throw new IllegalStateException("more than " + (STATUS_MASK + 1) + " distinct user statuses");
        }
        statuses.add(status);
        return statuses.size() - 1;
    }

    private int form(int entry) {
        return (int) (meta(entry) >>> FORM_SHIFT & 3);
    }

    private long meta(int entry) {
        return field(entry, META);
    }

    private void setMeta(int entry, long flag) {
        chunk(entry)[base(entry) + META] |= flag;
    }

    private long field(int entry, int field) {
        if (entry < 0 || entry >= size) {
            throw new IndexOutOfBoundsException(entry);
        }
        return chunk(entry)[base(entry) + field];
    }

    private long[] chunk(int entry) {
        return chunks.get(entry >>> CHUNK_BITS);
    }

    private static int base(int entry) {
        return (entry & (CHUNK_USERS - 1)) * STRIDE;
    }

    /**
     * Users by one digest field: linear probing over user numbers plus one (0: empty), in chunks of 64K slots so no
     * array is large enough for the collector to need contiguous regions for it. Grows by a quarter when 80% full, so
     * it stays 64–80% full; the slot comes from the digest's high bits scaled to the table's length.
     */
    private final class ProbeTable {

        private static final int CHUNK_SLOTS_BITS = 16;
        private static final int CHUNK_SLOTS = 1 << CHUNK_SLOTS_BITS;
        private static final int INITIAL = 1024;
        private static final double MAX_LOAD = 0.8;

        private final int field;
        private int[][] slots = {new int[INITIAL]};
        private long length = INITIAL;
        private long used;

        ProbeTable(int field) {
            this.field = field;
        }

        void add(int entry) {
            if (used + 1 > length * MAX_LOAD) {
                int[][] old = slots;
                long grown = length * 5 / 4;
                if (grown > CHUNK_SLOTS) {
                    grown = (grown + CHUNK_SLOTS - 1) & -CHUNK_SLOTS;
                    slots = new int[(int) (grown >>> CHUNK_SLOTS_BITS)][CHUNK_SLOTS];
                } else {
                    slots = new int[][] {new int[(int) grown]};
                }
                length = grown;
                for (int[] chunk : old) {
                    for (int slot : chunk) {
                        if (slot != 0) {
                            place(slot - 1);
                        }
                    }
                }
            }
            place(entry);
            used++;
        }

        int[] find(long digest) {
            int[] found = new int[1];
            int count = 0;
            for (long slot = home(digest); get(slot) != 0; slot = next(slot)) {
                int entry = get(slot) - 1;
                if (field(entry, field) == digest) {
                    if (count == found.length) {
                        found = Arrays.copyOf(found, count * 2);
                    }
                    found[count++] = entry;
                }
            }
            return count == found.length ? found : Arrays.copyOf(found, count);
        }

        private void place(int entry) {
            long slot = home(field(entry, field));
            while (get(slot) != 0) {
                slot = next(slot);
            }
            slots[(int) (slot >>> CHUNK_SLOTS_BITS)][(int) (slot & (CHUNK_SLOTS - 1))] = entry + 1;
        }

        private int get(long slot) {
            return slots[(int) (slot >>> CHUNK_SLOTS_BITS)][(int) (slot & (CHUNK_SLOTS - 1))];
        }

        private long home(long digest) {
            return ((Digests.fmix(digest) >>> 32) * length) >>> 32;
        }

        private long next(long slot) {
            return slot + 1 == length ? 0 : slot + 1;
        }
    }

    /** The distinct sets of groups users are in, each once; id 0 is no groups. */
    private static final class GroupSets {

        private final List<List<String>> sets = new ArrayList<>(List.of(List.of()));
        private final Map<List<String>, Integer> ids = new HashMap<>(Map.of(List.of(), 0));
        private final Map<String, String> names = new HashMap<>();

        int with(int set, String group) {
            List<String> current = sets.get(set);
            if (current.contains(group)) {
                return set;
            }
            String[] grown = current.toArray(new String[current.size() + 1]);
            grown[current.size()] = names.computeIfAbsent(group, same -> same);
            Arrays.sort(grown);
            List<String> next = List.of(grown);
            return ids.computeIfAbsent(next, added -> {
                sets.add(added);
                return sets.size() - 1;
            });
        }

        Set<String> members(int set) {
            return Set.copyOf(sets.get(set));
        }
    }
}
