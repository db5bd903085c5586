package io.poolsync.plan;

import static io.poolsync.plan.PolicyRows.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import io.poolsync.plan.PlannedUser.Action;
import io.poolsync.plan.PlannedUser.EnabledChange;

class CreateOnlyPolicyTest {

    private static final Policy CREATE_ONLY = new CreateOnlyPolicy();

    static Stream<Arguments> changes() {
        return Stream.of(
                arguments("an owned user's update is left: unchanged", update(OWN_UPDATE_WITHOUT_REPAIR),
                        unchanged("uuid-alice")),
                arguments("an update left to the applier's read is not read: unchanged", update(REREAD_UPDATE),
                        unchanged("uuid-alice")),
                arguments("an owned user's interrupted create is finished: the password repair alone",
                        update(OWN_UPDATE), new PlannedUser(Action.UPDATE, "uuid-alice", ALICE, Map.of(),
                                EnabledChange.NONE, Set.of(), Set.of(), true, "")),
                arguments("a create goes through", create(CREATE), CREATE),
                arguments("a create that can't be made stays a skip", create(NO_INVITATION), NO_INVITATION),
                arguments("an adoption keeps nothing of the update (the planner adds the owner mark)",
                        adoption(NATIVE_UPDATE), unchanged("uuid-native")),
                arguments("a replacement is a conflict: the gone source user's copy stays", replacement(REPLACING),
                        conflict(Planner.goneOwners(KEY))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("changes")
    void filters(String description, Change change, PlannedUser expected) {
        assertThat(CREATE_ONLY.filter(change)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "enabled={0}: kept")
    @CsvSource({ "true", "false" })
    void removesNobody(boolean enabled) {
        assertThat(CREATE_ONLY.removal(enabled)).isEqualTo(Optional.empty());
        assertThat(CREATE_ONLY.creates()).isTrue();
    }
}
