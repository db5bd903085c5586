package io.poolsync.trigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.poolsync.config.InvalidConfigException;
import io.poolsync.mapping.AttributeRules;
import io.poolsync.config.VerifiedFlagPolicy;

class TriggerSettingsTest {

    static Map<String, String> environment(String... pairs) {
        Map<String, String> environment = new HashMap<>();
        environment.put("POOLSYNC_SOURCE_POOL_ID", "eu-west-1_Source1");
        environment.put("POOLSYNC_SOURCE_CLIENT_ID", "6pc1s1d8l3ecqo3fg2f1vgqb2k");
        for (int i = 0; i < pairs.length; i += 2) {
            environment.put(pairs[i], pairs[i + 1]);
        }
        return environment;
    }

    @Test
    void defaultsAreTheDaemons() {
        TriggerSettings settings = TriggerSettings.from(environment());

        assertThat(settings.poolId()).isEqualTo("eu-west-1_Source1");
        assertThat(settings.region()).as("the pool id's prefix").isEqualTo("eu-west-1");
        assertThat(settings.clientId()).isEqualTo("6pc1s1d8l3ecqo3fg2f1vgqb2k");
        assertThat(settings.endpoint()).isEmpty();
        assertThat(settings.roleArn()).isEmpty();
        assertThat(settings.clientSecret()).isEmpty();
        assertThat(settings.rules()).isEqualTo(new AttributeRules(Set.of("identities", "sub"), Map.of(),
                VerifiedFlagPolicy.COPY, VerifiedFlagPolicy.COPY, Optional.of("custom:source_sub")));
    }

    @Test
    void readsEverySetting() {
        TriggerSettings settings = TriggerSettings.from(environment(
                "POOLSYNC_SOURCE_REGION", "eu-central-1",
                "POOLSYNC_SOURCE_ENDPOINT", "http://127.0.0.1:9229",
                "POOLSYNC_SOURCE_ROLE_ARN", "arn:aws:iam::123456789012:role/poolsync-source-reader",
                "POOLSYNC_SOURCE_CLIENT_SECRET", "s3cret",
                "POOLSYNC_MAPPING_EXCLUDE", "identities, custom:legacy_id",
                "POOLSYNC_MAPPING_RENAMES", "custom:dept->custom:department, custom:org->custom:tenant",
                "POOLSYNC_MAPPING_EMAIL_VERIFIED", "true",
                "POOLSYNC_MAPPING_PHONE_NUMBER_VERIFIED", "false",
                "POOLSYNC_MAPPING_SOURCE_SUB_ATTRIBUTE", "custom:old_sub"));

        assertThat(settings.region()).isEqualTo("eu-central-1");
        assertThat(settings.endpoint()).contains(URI.create("http://127.0.0.1:9229"));
        assertThat(settings.roleArn()).contains("arn:aws:iam::123456789012:role/poolsync-source-reader");
        assertThat(settings.clientSecret()).contains("s3cret");
        assertThat(settings.rules()).isEqualTo(new AttributeRules(Set.of("identities", "custom:legacy_id", "sub"),
                Map.of("custom:dept", "custom:department", "custom:org", "custom:tenant"), VerifiedFlagPolicy.TRUE,
                VerifiedFlagPolicy.FALSE, Optional.of("custom:old_sub")));
    }

    @Test
    void noneWritesNoSourceSubForATargetWithoutTheAttribute() {
        TriggerSettings settings = TriggerSettings.from(environment("POOLSYNC_MAPPING_SOURCE_SUB_ATTRIBUTE", "none"));

        assertThat(settings.rules().sourceSubAttribute()).isEmpty();
    }

    @Test
    void aBlankVariableCountsAsUnset() {
        TriggerSettings settings = TriggerSettings.from(environment("POOLSYNC_SOURCE_CLIENT_SECRET", " ",
                "POOLSYNC_MAPPING_EXCLUDE", ""));

        assertThat(settings.clientSecret()).isEmpty();
        assertThat(settings.rules().excluded()).containsExactlyInAnyOrder("identities", "sub");
    }

    @Test
    void namesEveryVariableThatCantWork() {
        InvalidConfigException failure = catchThrowableOfType(InvalidConfigException.class, () -> TriggerSettings.from(Map.of(
                "POOLSYNC_SOURCE_ROLE_ARN", "poolsync-role",
                "POOLSYNC_SOURCE_ENDPOINT", "localhost",
                "POOLSYNC_MAPPING_EMAIL_VERIFIED", "yes",
                "POOLSYNC_MAPPING_RENAMES", "sub->custom:sub, custom:dept")));

        assertThat(failure.problems()).containsExactlyInAnyOrder(
                "POOLSYNC_SOURCE_POOL_ID is required: the source pool id, <region>_<id>",
                "POOLSYNC_SOURCE_CLIENT_ID is required: a source app client that allows ALLOW_ADMIN_USER_PASSWORD_AUTH",
                "POOLSYNC_SOURCE_ENDPOINT=localhost is not an absolute URL",
                "POOLSYNC_SOURCE_ROLE_ARN=poolsync-role must be an IAM role ARN",
                "POOLSYNC_MAPPING_EMAIL_VERIFIED=yes is not one of copy, true, false",
                "POOLSYNC_MAPPING_RENAMES: sub can't be renamed; it goes to POOLSYNC_MAPPING_SOURCE_SUB_ATTRIBUTE",
                "POOLSYNC_MAPPING_RENAMES: 'custom:dept' is not of the form from->to");
    }

    @Test
    void refusesAPoolIdWithoutRegion() {
        InvalidConfigException failure = catchThrowableOfType(InvalidConfigException.class,
                () -> TriggerSettings.from(environment("POOLSYNC_SOURCE_POOL_ID", "Source1")));

        assertThat(failure.problems()).containsExactly(
                "POOLSYNC_SOURCE_POOL_ID=Source1 must look like <region>_<id>, e.g. eu-west-1_AbC123xyz");
    }

    @Test
    void neverPrintsTheClientSecret() {
        TriggerSettings settings = TriggerSettings.from(environment("POOLSYNC_SOURCE_CLIENT_SECRET", "s3cret-value"));

        assertThat(settings.toString()).contains("eu-west-1_Source1").doesNotContain("s3cret-value");
    }
}
