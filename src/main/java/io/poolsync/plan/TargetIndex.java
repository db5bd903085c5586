package io.poolsync.plan;

import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.IntStream;

import io.poolsync.mapping.Identities;
import io.poolsync.model.LinkedIdentity;
import io.poolsync.model.PoolUser;

/**
 * The target pool read in full before anything is planned: its users by match key and by the source sub they carry
 * (the owner mark), the groups each belongs to, and a digest of the attributes poolsync compares and, where identities
 * are linked, of the identities the user has linked.
 *
 * <p>It holds every target user for the whole run in a {@link TargetUserStore}, at most 64 bytes a user, so a
 * 10-million-user target fits a 1 GiB heap. Attribute values are not kept: where a user's digest differs from its source
 * user's, the planner says so ({@link PlannedUser#reread}) and the applier, which reads every user again right before
 * writing to it, computes the exact change from that read ({@link Planner#confirm}). A digest never decides a write:
 * keys are confirmed against the stored username where the key is the username, and otherwise on that read.
 */
public final class TargetIndex {

    private final MatchKey matchKey;
    private final Ownership ownership;
    private final Set<String> comparedAttributes;
    private final boolean linkedIdentities;
    private final Digests digests;
    private final TargetUserStore store = new TargetUserStore();

    /**
     * @param comparedAttributes the attributes the state digest covers: those the planner compares
     *                           ({@link Planner#comparedAttributes})
     * @param linkedIdentities   whether the state digest covers the user's {@code identities} attribute too
     *                           ({@code poolsync.federation.link}), so a user already linked needs no read to tell
     * @param digests            a fresh seed per index ({@link Digests#seeded}), so a collision does not repeat
     */
    public TargetIndex(MatchKey matchKey, Optional<String> sourceSubAttribute, Set<String> comparedAttributes,
            boolean linkedIdentities, Digests digests) {
        this.matchKey = matchKey;
        this.ownership = new Ownership(sourceSubAttribute);
        this.comparedAttributes = Set.copyOf(comparedAttributes);
        this.linkedIdentities = linkedIdentities;
        this.digests = digests;
    }

    public synchronized void add(PoolUser user) {
        Optional<String> key = matchKey.of(user.username(), user.attributes());
        Optional<String> owner = ownership.owner(user);
        store.add(new TargetUserStore.User(user.username(), key.isPresent(), key.map(digests::of).orElse(0L),
                owner.isPresent(), owner.map(digests::of).orElse(0L), stateDigest(user.attributes(), linked(user)),
                user.status(),
                user.enabled(), user.createdAt().equals(Instant.MAX) ? Long.MAX_VALUE : user.createdAt().toEpochMilli()));
    }

    /** A group member as ListUsersInGroup lists it: found by its key, confirmed by its username. */
    public synchronized void addMembership(PoolUser member, String group) {
        matchKey.of(member.username(), member.attributes()).ifPresent(key -> candidates(key)
                .filter(entry -> store.username(entry).equals(member.username())).findFirst()
                .ifPresent(entry -> store.addGroup(entry, group)));
    }

    /**
     * The target user holding this match key. Of several (duplicate keys), the same one whatever the listing order: one
     * carrying an owner mark first, then the earliest UserCreateDate, then the smallest username.
     */
    synchronized Optional<Entry> find(String key) {
        return candidates(key).boxed().min(Comparator.comparing((Integer entry) -> !store.owned(entry))
                        .thenComparingLong(store::createdMillis).thenComparing(store::username))
                .map(Entry::new);
    }

    /** The target user carrying this source sub; of several, the earliest created, then the smallest username. */
    synchronized Optional<Entry> findBySourceSub(String sub) {
        return IntStream.of(store.withSourceSub(digests.of(sub))).boxed()
                .min(Comparator.comparingLong((Integer entry) -> store.createdMillis(entry))
                        .thenComparing(store::username))
                .map(Entry::new);
    }

    /** The status of the target user carrying this owner mark as the target was read; of several, the one planned. */
    public synchronized Optional<String> ownedStatus(String sourceSub) {
        return findBySourceSub(sourceSub).map(Entry::status);
    }

    Optional<String> sourceSubAttribute() {
        return ownership.sourceSubAttribute();
    }

    /** Every user, in the order added. */
    synchronized void forEach(Consumer<Entry> sink) {
        for (int entry = 0; entry < store.size(); entry++) {
            sink.accept(new Entry(entry));
        }
    }

    MatchKey matchKey() {
        return matchKey;
    }

    Digests digests() {
        return digests;
    }

    Set<String> comparedAttributes() {
        return comparedAttributes;
    }

    /**
     * The digest {@link #add} stores for a target user with these attributes and linked identities: of the attributes
     * the planner compares, and, where identities are linked, of the identities by provider and subject. Both fit one
     * word, so the user's share of the index stays within its 64 bytes.
     */
    long stateDigest(Map<String, String> attributes, Collection<LinkedIdentity> linked) {
        long state = digests.ofAttributes(attributes, comparedAttributes::contains);
        return linkedIdentities ? state ^ digests.ofIdentities(linked) : state;
    }

    /** What the user's identities attribute says is linked; an unreadable one counts as nothing, as on a re-read. */
    private List<LinkedIdentity> linked(PoolUser user) {
        Optional<String> json = user.attribute(Identities.ATTRIBUTE);
        if (!linkedIdentities || json.isEmpty()) {
            return List.of();
        }
        try {
            return Identities.parse(json.get());
        } catch (IllegalArgumentException e) {
            return List.of();
        }
    }

    public synchronized int size() {
        return store.size();
    }

    /**
     * The users whose key has this digest and, where the key is the username, whose username is this key; where the key
     * is an attribute its value is not kept, and the applier's read confirms it.
     */
    private IntStream candidates(String key) {
        IntStream digestMatches = IntStream.of(store.withKey(digests.of(key)));
        if (!matchKey.usernameAttributes().isEmpty()) {
            return digestMatches;
        }
        return digestMatches.filter(entry -> matchKey.of(store.username(entry), Map.of()).orElseThrow().equals(key));
    }

    /** One target user as the planner sees it: no attribute values, a digest of them. */
    final class Entry {

        private final int entry;

        private Entry(int entry) {
            this.entry = entry;
        }

        String username() {
            synchronized (TargetIndex.this) {
                return store.username(entry);
            }
        }

        boolean enabled() {
            synchronized (TargetIndex.this) {
                return store.enabled(entry);
            }
        }

        String status() {
            synchronized (TargetIndex.this) {
                return store.status(entry);
            }
        }

        long stateDigest() {
            synchronized (TargetIndex.this) {
                return store.stateDigest(entry);
            }
        }

        /** Whether the user carries an owner mark. */
        boolean owned() {
            synchronized (TargetIndex.this) {
                return store.owned(entry);
            }
        }

        /** Whether its owner mark is this source sub; by digest, and the applier checks the mark on its read. */
        boolean ownedBy(String sourceSub) {
            synchronized (TargetIndex.this) {
                return store.owned(entry) && store.sourceSubDigest(entry) == digests.of(sourceSub);
            }
        }

        long ownerDigest() {
            synchronized (TargetIndex.this) {
                return store.sourceSubDigest(entry);
            }
        }

        Set<String> groups() {
            synchronized (TargetIndex.this) {
                return store.groups(entry);
            }
        }

        /**
         * Set once the source user whose sub this user carries was read in the current run: its owner is still in the
         * source, so it is not taken for a removal, and nobody else may have it.
         */
        boolean matched() {
            synchronized (TargetIndex.this) {
                return store.matched(entry);
            }
        }

        void markMatched() {
            synchronized (TargetIndex.this) {
                store.markMatched(entry);
            }
        }

        /** Set once a source user claimed this user's key through its owner mark. */
        boolean keyClaimed() {
            synchronized (TargetIndex.this) {
                return store.keyClaimed(entry);
            }
        }

        void claimKey() {
            synchronized (TargetIndex.this) {
                store.claimKey(entry);
            }
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Entry that && that.entry == entry && that.index() == index();
        }

        @Override
        public int hashCode() {
            return entry;
        }

        private TargetIndex index() {
            return TargetIndex.this;
        }
    }
}
