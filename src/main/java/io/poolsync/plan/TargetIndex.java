package io.poolsync.plan;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import io.poolsync.model.PoolUser;

/**
 * The target pool read in full before anything is planned: its users by match key and by the source sub they carry,
 * and the groups each belongs to.
 *
 * <p>It holds every target user for the whole run, so it is kept compact: a user's attributes are one byte array
 * (attribute names as small numbers from a shared dictionary, values in UTF-8), decoded only when the planner looks at
 * that user; status and group names are shared instances; lookup keys reuse the username when they are equal to it.
 * The target's own {@code sub} is not kept: nothing compares or writes it.
 */
public final class TargetIndex {

    private final MatchKey matchKey;
    private final Optional<String> sourceSubAttribute;
    private final Ownership ownership;
    private final List<Entry> entries = new ArrayList<>();
    private final Map<String, Entry> byKey = new HashMap<>();
    /** Only where users are matched by email or phone; otherwise the match key is the username. */
    private final Map<String, Entry> byUsername = new HashMap<>();
    private final Map<String, Entry> bySourceSub = new HashMap<>();
    private final Map<String, Integer> attributeIds = new HashMap<>();
    private final List<String> attributeNames = new ArrayList<>();
    private final Map<String, String> sharedStrings = new HashMap<>();

    public TargetIndex(MatchKey matchKey, Optional<String> sourceSubAttribute) {
        this.matchKey = matchKey;
        this.sourceSubAttribute = sourceSubAttribute;
        this.ownership = new Ownership(sourceSubAttribute);
    }

    public synchronized void add(PoolUser user) {
        String username = user.username();
        Optional<String> sourceSub = sourceSub(user);
        Map<String, String> kept = new HashMap<>(user.attributes());
        // The target's own sub is never compared or written; the source sub is kept once, as the lookup key.
        kept.remove(PoolUser.SUB);
        sourceSubAttribute.ifPresent(kept::remove);
        Entry entry = new Entry(username, encode(kept), sourceSub.orElse(null), user.enabled(), shared(user.status()));
        entries.add(entry);
        if (!keyedByUsername()) {
            byUsername.putIfAbsent(username, entry);
        }
        matchKey.of(username, user.attributes())
                .map(key -> key.equals(username) ? username : key)
                .ifPresent(key -> byKey.putIfAbsent(key, entry));
        sourceSub.ifPresent(sub -> bySourceSub.putIfAbsent(sub, entry));
    }

    public synchronized void addMembership(String username, String group) {
        Entry entry = keyedByUsername() ? byKey.get(matchKey.of(username, Map.of()).orElseThrow()) : byUsername.get(username);
        if (entry != null) {
            entry.addGroup(shared(group));
        }
    }

    Optional<Entry> find(String key) {
        return Optional.ofNullable(byKey.get(key));
    }

    Optional<Entry> findBySourceSub(String sub) {
        return Optional.ofNullable(bySourceSub.get(sub));
    }

    /** The source sub a target user carries: it marks the users poolsync owns. */
    Optional<String> sourceSub(PoolUser user) {
        return ownership.owner(user);
    }

    Optional<String> sourceSubAttribute() {
        return sourceSubAttribute;
    }

    List<Entry> entries() {
        return entries;
    }

    MatchKey matchKey() {
        return matchKey;
    }

    public int size() {
        return entries.size();
    }

    private boolean keyedByUsername() {
        return matchKey.usernameAttributes().isEmpty();
    }

    private String shared(String value) {
        return sharedStrings.computeIfAbsent(value, same -> same);
    }

    private byte[] encode(Map<String, String> attributes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(attributes.size() * 24);
        attributes.forEach((name, value) -> {
            int id = attributeIds.computeIfAbsent(name, added -> {
                attributeNames.add(added);
                return attributeNames.size() - 1;
            });
            byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
            writeVarint(out, id);
            writeVarint(out, bytes.length);
            out.writeBytes(bytes);
        });
        return out.toByteArray();
    }

    private synchronized Map<String, String> decode(byte[] data) {
        Map<String, String> attributes = new TreeMap<>();
        int[] position = {0};
        while (position[0] < data.length) {
            String name = attributeNames.get(readVarint(data, position));
            int length = readVarint(data, position);
            attributes.put(name, new String(data, position[0], length, StandardCharsets.UTF_8));
            position[0] += length;
        }
        return attributes;
    }

    private static void writeVarint(ByteArrayOutputStream out, int value) {
        while ((value & ~0x7F) != 0) {
            out.write((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        out.write(value);
    }

    private static int readVarint(byte[] data, int[] position) {
        int value = 0;
        for (int shift = 0;; shift += 7) {
            byte b = data[position[0]++];
            value |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
    }

    /** One target user as stored; {@link #user()} rebuilds the full user when the planner needs it. */
    final class Entry {

        private static final String[] NO_GROUPS = {};

        private final String username;
        private final byte[] attributes;
        private final String sourceSub;
        private final boolean enabled;
        private final String status;
        private String[] groups = NO_GROUPS;
        /**
         * Set once the source user whose sub this user carries was read in the current run: its owner is still in the
         * source, so it is not taken for a removal, and nobody else may have it.
         */
        private boolean matched;

        private Entry(String username, byte[] attributes, String sourceSub, boolean enabled, String status) {
            this.username = username;
            this.attributes = attributes;
            this.sourceSub = sourceSub;
            this.enabled = enabled;
            this.status = status;
        }

        String username() {
            return username;
        }

        boolean enabled() {
            return enabled;
        }

        /** The user as the planner compares it: without its own sub, with the source sub it carries. */
        PoolUser user() {
            Map<String, String> decoded = decode(attributes);
            if (sourceSub != null) {
                decoded.put(sourceSubAttribute.orElseThrow(), sourceSub);
            }
            return new PoolUser(username, decoded, enabled, status);
        }

        Optional<String> sourceSub() {
            return Optional.ofNullable(sourceSub);
        }

        Set<String> groups() {
            return Set.of(groups);
        }

        boolean matched() {
            return matched;
        }

        void markMatched() {
            matched = true;
        }

        private void addGroup(String group) {
            for (String existing : groups) {
                if (existing.equals(group)) {
                    return;
                }
            }
            String[] grown = Arrays.copyOf(groups, groups.length + 1);
            grown[groups.length] = group;
            groups = grown;
        }
    }
}
