package io.poolsync.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class PendingUsersTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private static final Duration WINDOW = Duration.ofMillis(500);

    private final PendingUsers<String> pending = new PendingUsers<>(WINDOW);

    @Test
    void aUsersMessagesWaitOutTheWindowFromTheFirstOfThemAndGoTogether() {
        add("m1", "ada", T0);
        add("m2", "ada", T0.plusMillis(300));

        assertThat(pending.takeReady(T0.plusMillis(499), 10)).isEmpty();
        assertThat(pending.nextReadyAt()).contains(T0.plus(WINDOW));
        List<PendingUsers.Batch<String>> ready = pending.takeReady(T0.plus(WINDOW), 10);
        assertThat(ready).singleElement().satisfies(batch -> assertThat(batch.messages).containsExactly("m1", "m2"));
    }

    @Test
    void aBacklogIsReadyAtOnce() {
        add("m1", "ada", T0);
        add("m2", "bea", T0.plusMillis(100));

        assertThat(pending.takeReady(T0.plusSeconds(30), 10)).extracting(batch -> batch.ref.value())
                .containsExactly("ada", "bea");
    }

    @Test
    void messagesForAUserBeingAppliedWaitUntilItIsFinished() {
        add("m1", "ada", T0);
        assertThat(pending.takeReady(T0.plusSeconds(1), 10)).hasSize(1);
        add("m2", "ada", T0.plusSeconds(1));

        assertThat(pending.takeReady(T0.plusSeconds(5), 10)).as("ada is still being applied").isEmpty();
        assertThat(pending.nextReadyAt()).isEmpty();
        pending.finished(UserEvent.UserRef.sub("ada"));
        assertThat(pending.takeReady(T0.plusSeconds(5), 10)).singleElement()
                .satisfies(batch -> assertThat(batch.messages).containsExactly("m2"));
    }

    @Test
    void atMostTheIdleWorkersWorthIsTaken() {
        add("m1", "ada", T0);
        add("m2", "bea", T0);
        add("m3", "cy", T0);

        assertThat(pending.takeReady(T0.plusSeconds(1), 2)).hasSize(2);
        assertThat(pending.takeReady(T0.plusSeconds(1), 2)).hasSize(1);
        assertThat(pending.inFlight()).isEqualTo(3);
    }

    @Test
    void waitingMessagesHeldForLongAreDueForMoreInvisibilityOnce() {
        add("m1", "ada", T0);
        Duration half = Duration.ofSeconds(30);

        assertThat(pending.heldLongerThan(half, T0.plusSeconds(29))).isEmpty();
        assertThat(pending.heldLongerThan(half, T0.plusSeconds(30))).containsExactly("m1");
        assertThat(pending.heldLongerThan(half, T0.plusSeconds(31))).as("held again from then").isEmpty();
    }

    private void add(String message, String sub, Instant queuedAt) {
        pending.add(message, new UserEvent("AdminUpdateUserAttributes", Optional.of("pool"), UserEvent.UserRef.sub(sub),
                queuedAt), queuedAt, queuedAt);
    }
}
