package io.poolsync.sync;

import java.util.Optional;

/**
 * Everything a run counts, each once: the run's summary line, the {@code poolsync_users_total} series, and the API's
 * {@code counters} and {@code signIn} objects iterate this set, so a new counter is one line here (and a field of the
 * wire type, which the API publishes explicitly).
 */
public enum RunCounter {

    TARGET_SCANNED("targetScanned"),
    SOURCE_SCANNED("sourceScanned"),
    /** Group changes, user creates and updates, and removals planned. */
    PLANNED_WRITES("plannedWrites"),
    CREATED("created", "create", "success"),
    UPDATED("updated", "update", "success"),
    ENABLED("enabled", "enable", "success"),
    DISABLED("disabled", "disable", "success"),
    DELETED("deleted", "delete", "success"),
    UNCHANGED("unchanged", "none", "unchanged"),
    SKIPPED("skipped", "none", "skipped"),
    FAILED("failed"),
    GROUPS_CREATED("groupsCreated"),
    GROUPS_UPDATED("groupsUpdated"),
    MEMBERSHIPS_ADDED("membershipsAdded"),
    MEMBERSHIPS_REMOVED("membershipsRemoved"),
    PASSWORDS_REPAIRED("passwordsRepaired"),
    /**
     * Source users whose match key is held by a target user poolsync may not write to for them (the plan's CONFLICT
     * items); a run with conflicts makes exit-after-run exit 2.
     */
    CONFLICTS("conflicts", "none", "conflict"),
    /** Target users poolsync did not create, taken over (poolsync.ownership.adopt-existing). */
    ADOPTED("adopted"),
    IDENTITIES_LINKED("identitiesLinked", Section.SIGN_IN),
    MFA_SETTINGS_SET("mfaSettingsSet", Section.SIGN_IN);

    /** Which object of a run's API answer carries the counter. */
    public enum Section {
        /** {@code counters}. */
        RUN,
        /** {@code signIn}: what the run applied of federated identities and MFA; the plan says what it meant to. */
        SIGN_IN
    }

    /** A series of {@code poolsync_users_total}: what was done to users, and how it went. */
    public record UserSeries(String action, String outcome) {
    }

    private final String key;
    private final Section section;
    private final UserSeries userSeries;

    RunCounter(String key) {
        this(key, Section.RUN, null);
    }

    RunCounter(String key, Section section) {
        this(key, section, null);
    }

    RunCounter(String key, String action, String outcome) {
        this(key, Section.RUN, new UserSeries(action, outcome));
    }

    RunCounter(String key, Section section, UserSeries userSeries) {
        this.key = key;
        this.section = section;
        this.userSeries = userSeries;
    }

    /** Its name in the summary line and in the API's JSON. */
    public String key() {
        return key;
    }

    public Section section() {
        return section;
    }

    /** The {@code poolsync_users_total} series it counts, if any. */
    public Optional<UserSeries> userSeries() {
        return Optional.ofNullable(userSeries);
    }
}
