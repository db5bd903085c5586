package io.poolsync.plan;

import static io.poolsync.plan.PolicyRows.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.poolsync.plan.PlannedRemoval.Kind;

class MirrorPolicyTest {

    private static final Policy DISABLE = new MirrorPolicy(Kind.DISABLE);
    private static final Policy DELETE = new MirrorPolicy(Kind.DELETE);

    static Stream<Arguments> changes() {
        return Stream.of(
                arguments("an owned user's update goes through whole", DISABLE, update(OWN_UPDATE), OWN_UPDATE),
                arguments("an update left to the applier's read stays so", DELETE, update(REREAD_UPDATE),
                        REREAD_UPDATE),
                arguments("a create goes through", DISABLE, create(CREATE), CREATE),
                arguments("a create that can't be made stays a skip", DELETE, create(NO_INVITATION), NO_INVITATION),
                arguments("an adoption's update goes through whole", DISABLE, adoption(NATIVE_UPDATE), NATIVE_UPDATE),
                arguments("delete: the re-created account is created once the old copy is deleted", DELETE,
                        replacement(REPLACING), REPLACING),
                arguments("delete: a replacement that can't be made stays a skip", DELETE,
                        replacement(NO_INVITATION), NO_INVITATION),
                arguments("disable: the disabled copy keeps the key, a conflict naming it", DISABLE,
                        replacement(REPLACING), conflict(Planner.goneOwnersDisabled(KEY))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("changes")
    void filters(String description, Policy mirror, Change change, PlannedUser expected) {
        assertThat(mirror.filter(change)).isEqualTo(expected);
        assertThat(mirror.creates()).isTrue();
    }

    static Stream<Arguments> removals() {
        return Stream.of(
                arguments("disable: an enabled user is disabled", DISABLE, true, Optional.of(Kind.DISABLE)),
                arguments("disable: a user already disabled is not disabled again", DISABLE, false, Optional.empty()),
                arguments("delete: an enabled user is deleted", DELETE, true, Optional.of(Kind.DELETE)),
                arguments("delete: a disabled user is deleted too", DELETE, false, Optional.of(Kind.DELETE)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("removals")
    void removes(String description, Policy mirror, boolean enabled, Optional<Kind> expected) {
        assertThat(mirror.removal(enabled)).isEqualTo(expected);
    }
}
