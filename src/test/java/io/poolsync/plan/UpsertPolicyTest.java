package io.poolsync.plan;

import static io.poolsync.plan.PolicyRows.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class UpsertPolicyTest {

    private static final Policy UPSERT = new UpsertPolicy();

    static Stream<Arguments> changes() {
        return Stream.of(
                arguments("an owned user's update goes through whole", update(OWN_UPDATE), OWN_UPDATE),
                arguments("an update left to the applier's read stays so", update(REREAD_UPDATE), REREAD_UPDATE),
                arguments("a create goes through", create(CREATE), CREATE),
                arguments("a create that can't be made stays a skip", create(NO_INVITATION), NO_INVITATION),
                arguments("an adoption's update goes through whole", adoption(NATIVE_UPDATE), NATIVE_UPDATE),
                arguments("a replacement is a conflict: the gone source user's copy stays", replacement(REPLACING),
                        conflict(Planner.goneOwners(KEY))),
                arguments("a replacement that couldn't be made either is a conflict too", replacement(NO_INVITATION),
                        conflict(Planner.goneOwners(KEY))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("changes")
    void filters(String description, Change change, PlannedUser expected) {
        assertThat(UPSERT.filter(change)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "enabled={0}: kept")
    @CsvSource({ "true", "false" })
    void removesNobody(boolean enabled) {
        assertThat(UPSERT.removal(enabled)).isEqualTo(Optional.empty());
        assertThat(UPSERT.creates()).isTrue();
    }
}
