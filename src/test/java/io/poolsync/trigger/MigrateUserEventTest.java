package io.poolsync.trigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

class MigrateUserEventTest {

    @Test
    void readsASignInEvent() {
        MigrateUserEvent event = MigrateUserEvent.from(TriggerEvents.authentication("alice", "Right-Passw0rd!"));

        assertThat(event).isEqualTo(new MigrateUserEvent(TriggerSource.AUTHENTICATION, "alice", "Right-Passw0rd!"));
    }

    @Test
    void readsAForgotPasswordEventWhichCarriesNoPassword() {
        MigrateUserEvent event = MigrateUserEvent.from(TriggerEvents.forgotPassword("alice"));

        assertThat(event).isEqualTo(new MigrateUserEvent(TriggerSource.FORGOT_PASSWORD, "alice", null));
    }

    @Test
    void neverPrintsThePassword() {
        MigrateUserEvent event = MigrateUserEvent.from(TriggerEvents.authentication("alice", "Right-Passw0rd!"));

        assertThat(event.toString()).contains("alice", "UserMigration_Authentication").doesNotContain("Right-Passw0rd!");
    }

    @Test
    void refusesAnotherTriggersEvent() {
        Map<String, Object> event = TriggerEvents.authentication("alice", "Right-Passw0rd!");
        event.put("triggerSource", "PreSignUp_SignUp");

        assertThatThrownBy(() -> MigrateUserEvent.from(event)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a Migrate User trigger source: PreSignUp_SignUp");
    }

    @Test
    void refusesAnEventWithoutUserName() {
        Map<String, Object> event = TriggerEvents.authentication("alice", "Right-Passw0rd!");
        event.remove("userName");

        assertThatThrownBy(() -> MigrateUserEvent.from(event)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the event has no userName");
    }
}
