package io.poolsync.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.poolsync.model.DesiredUser;
import io.poolsync.model.PoolUser;
import io.poolsync.model.UserStatus;

/**
 * Listing order never matters: a source full of colliding identities, listed in any order, through one segment or
 * sixteen planning at once, against the target listed in any order, gives the same plan.
 */
class PlanOrderTest {

    private static final String SOURCE_SUB = "custom:source_sub";
    private static final MatchKey KEY = MatchKey.byUsername(false);
    private static final Planner PLANNER = new Planner(Set.of(UserStatus.CONFIRMED), Set.of(SOURCE_SUB),
            Set.of("given_name", "email", "email_verified"), Set.of(),
            new MirrorPolicy(PlannedRemoval.Kind.DELETE), false, false);

    /** What a plan decides, whatever order it was made in. */
    record Outcome(Set<PlannedUser> users, Set<PlannedRemoval> removals) {
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = { 1, 7, 42, 1234, 99991 })
    void theSameSourceInAnyOrderAndAnySegmentationGivesTheSamePlan(long seed) throws Exception {
        List<DesiredUser> source = source();
        List<PoolUser> target = target();
        Outcome listed = oneSegment(source, target);
        assertThat(listed.users()).hasSize(source.size());
        assertThat(listed.users()).extracting(PlannedUser::action).contains(PlannedUser.Action.CONFLICT,
                PlannedUser.Action.CREATE, PlannedUser.Action.UPDATE);
        assertThat(listed.removals()).isNotEmpty();

        Random random = new Random(seed);
        List<DesiredUser> shuffled = new ArrayList<>(source);
        Collections.shuffle(shuffled, random);
        List<PoolUser> shuffledTarget = new ArrayList<>(target);
        Collections.shuffle(shuffledTarget, random);

        assertThat(oneSegment(shuffled, shuffledTarget)).isEqualTo(listed);
        assertThat(sixteenSegments(shuffled, shuffledTarget, random)).isEqualTo(listed);
    }

    private static Outcome oneSegment(List<DesiredUser> source, List<PoolUser> target) {
        Plan plan = Plan.of(PLANNER, source, index(target), List.of(), Map.of());
        return new Outcome(Set.copyOf(plan.users()), Set.copyOf(plan.removals()));
    }

    /** Sixteen threads plan slices at once, as a segmented scan does; the deferred users are settled in any order. */
    private static Outcome sixteenSegments(List<DesiredUser> source, List<PoolUser> target, Random random)
            throws Exception {
        Planner.Planning planning = PLANNER.start(index(target), List.of(), Map.of());
        List<List<DesiredUser>> segments = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            segments.add(new ArrayList<>());
        }
        source.forEach(user -> segments.get(random.nextInt(16)).add(user));
        Queue<PlannedUser> planned = new ConcurrentLinkedQueue<>();
        Queue<DesiredUser> deferred = new ConcurrentLinkedQueue<>();
        ExecutorService threads = Executors.newFixedThreadPool(16);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (List<DesiredUser> segment : segments) {
                done.add(threads.submit(() -> segment.forEach(user -> planning.next(user)
                        .ifPresentOrElse(planned::add, () -> deferred.add(user)))));
            }
            for (Future<?> segment : done) {
                segment.get();
            }
        } finally {
            threads.shutdown();
        }
        List<DesiredUser> toSettle = new ArrayList<>(deferred);
        Collections.shuffle(toSettle, random);
        toSettle.forEach(user -> planned.add(planning.settle(user)));
        return new Outcome(Set.copyOf(planned), Set.copyOf(planning.removals()));
    }

    private static TargetIndex index(List<PoolUser> users) {
        TargetIndex index = new TargetIndex(KEY, Optional.of(SOURCE_SUB), PLANNER.comparedAttributes(), false,
                new Digests(1, 64));
        users.forEach(index::add);
        return index;
    }

    /**
     * Per family of 10: a case-only pair into a free key, a case-only pair whose later member owns the target user, a
     * trio contending for a native user's key, a re-created account whose old copy is gone from the source, and a
     * plain owned user with a change.
     */
    private static List<DesiredUser> source() {
        List<DesiredUser> users = new ArrayList<>();
        for (int f = 0; f < 30; f++) {
            users.add(user("free" + f, "s-free-a" + f, 2020));
            users.add(user("FREE" + f, "s-free-b" + f, 2021));
            users.add(user("Owned" + f, "s-owned-a" + f, 2019));
            users.add(user("owned" + f, "s-owned-b" + f, 2022));
            users.add(user("native" + f, "s-native-a" + f, 2020));
            users.add(user("Native" + f, "s-native-b" + f, 2020));
            users.add(user("NATIVE" + f, "s-native-c" + f, 2018));
            users.add(user("again" + f, "s-again-new" + f, 2024));
            users.add(user("plain" + f, "s-plain" + f, 2020));
            users.add(user("new" + f, "s-new" + f, 2020));
        }
        return users;
    }

    private static List<PoolUser> target() {
        List<PoolUser> users = new ArrayList<>();
        for (int f = 0; f < 30; f++) {
            users.add(new PoolUser("owned" + f, attributes("s-owned-b" + f, "old"), true, UserStatus.CONFIRMED));
            users.add(new PoolUser("native" + f, Map.of("given_name", "native"), true, UserStatus.CONFIRMED));
            users.add(new PoolUser("again" + f, attributes("s-again-old" + f, "old"), true, UserStatus.CONFIRMED));
            users.add(new PoolUser("plain" + f, attributes("s-plain" + f, "old"), true, UserStatus.CONFIRMED));
        }
        return users;
    }

    private static Map<String, String> attributes(String sourceSub, String givenName) {
        Map<String, String> attributes = new HashMap<>();
        attributes.put(SOURCE_SUB, sourceSub);
        attributes.put("given_name", givenName);
        return attributes;
    }

    private static DesiredUser user(String username, String sub, int year) {
        return new DesiredUser(username, sub, UserStatus.CONFIRMED, true,
                Map.of("given_name", username, SOURCE_SUB, sub), new HashSet<>(),
                Instant.parse(year + "-01-01T00:00:00Z"));
    }
}
