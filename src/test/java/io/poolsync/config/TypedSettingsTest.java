package io.poolsync.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.poolsync.testing.TestConfig;

/**
 * Enumerated settings are enums in the mapping: SmallRye Config refuses a value that isn't one, naming the property,
 * the value and the allowed values; values are read in kebab-case, whatever their case.
 */
class TypedSettingsTest {

    static PoolsyncConfig config(String... overrides) {
        return TestConfig.poolsync("eu-west-1_Source1", "eu-west-1_Target1", overrides);
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                arguments("poolsync.policy", "sometimes", List.of("create-only", "update-only", "upsert", "mirror")),
                arguments("poolsync.password.mode", "temporary", List.of("confirmed", "invite")),
                arguments("poolsync.password.invite-delivery-mediums", "EMAIL,fax", List.of("email", "sms")),
                arguments("poolsync.mirror.action", "archive", List.of("disable", "delete")),
                arguments("poolsync.groups.role-arn", "keep", List.of("copy", "map", "drop")),
                arguments("poolsync.mapping.email-verified", "maybe", List.of("copy", "true", "false")),
                arguments("poolsync.mapping.phone-number-verified", "yes", List.of("copy", "true", "false")),
                arguments("poolsync.bulk.mode", "s3", List.of("off", "import-job")));
    }

    @ParameterizedTest(name = "{0}={1}")
    @MethodSource("refused")
    void anUnknownValueNamesThePropertyAndTheAllowedValues(String property, String value, List<String> allowed) {
        assertThatThrownBy(() -> config(property, value))
                .hasMessageContaining(property)
                .hasMessageContaining(value.contains(",") ? value.substring(value.indexOf(',') + 1) : value)
                .hasMessageContainingAll(allowed.toArray(String[]::new));
    }

    @Test
    void defaults() {
        PoolsyncConfig config = config();
        assertThat(config.policy()).isEqualTo(SyncPolicy.UPSERT);
        assertThat(config.password().mode()).isEqualTo(PasswordMode.CONFIRMED);
        assertThat(config.password().inviteDeliveryMediums()).containsExactly(DeliveryMedium.EMAIL);
        assertThat(config.mirror().action()).isEqualTo(MirrorAction.DISABLE);
        assertThat(config.groups().roleArn()).isEqualTo(RoleArnPolicy.COPY);
        assertThat(config.mapping().emailVerified()).isEqualTo(VerifiedFlagPolicy.COPY);
        assertThat(config.mapping().phoneNumberVerified()).isEqualTo(VerifiedFlagPolicy.COPY);
        assertThat(config.mapping().exclude()).containsExactly(MappingDefaults.EXCLUDE);
        assertThat(config.mapping().sourceSubAttribute()).isEqualTo(MappingDefaults.SOURCE_SUB_ATTRIBUTE);
        assertThat(config.bulk().mode()).isEqualTo(BulkMode.OFF);
    }

    @Test
    void valuesAreReadInKebabCaseWhateverTheirCase() {
        PoolsyncConfig config = config("poolsync.policy", "Create-Only", "poolsync.mirror.action", "DELETE",
                "poolsync.password.mode", " Invite ", "poolsync.password.invite-delivery-mediums", "email, SMS",
                "poolsync.bulk.mode", "IMPORT_JOB", "poolsync.mapping.email-verified", "True");
        assertThat(config.policy()).isEqualTo(SyncPolicy.CREATE_ONLY);
        assertThat(config.mirror().action()).isEqualTo(MirrorAction.DELETE);
        assertThat(config.password().mode()).isEqualTo(PasswordMode.INVITE);
        assertThat(config.password().inviteDeliveryMediums()).containsExactly(DeliveryMedium.EMAIL, DeliveryMedium.SMS);
        assertThat(config.bulk().mode()).isEqualTo(BulkMode.IMPORT_JOB);
        assertThat(config.mapping().emailVerified()).isEqualTo(VerifiedFlagPolicy.TRUE);
    }

    @Test
    void aCronTheSchedulerCantParseNamesTheSetting() {
        assertThatThrownBy(() -> config("poolsync.schedule.cron", "every 5 minutes"))
                .hasMessageContainingAll("poolsync.schedule.cron", "every 5 minutes", "not a Quartz cron expression");
        assertThatThrownBy(() -> config("poolsync.schedule.cron", "0 */15 * * *"))
                .hasMessageContaining("poolsync.schedule.cron");
    }

    @Test
    void aValidCronOrOffIsAccepted() {
        assertThat(config().schedule().cron()).isEqualTo("0 */15 * * * ?");
        assertThat(config("poolsync.schedule.cron", "0 0 3 * * ?").schedule().cron()).isEqualTo("0 0 3 * * ?");
        assertThat(config("poolsync.schedule.cron", "off").schedule().cron()).isEqualTo("off");
    }
}
