package io.poolsync.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.poolsync.model.MfaFactors;
import io.poolsync.model.MfaSettings;

class MfaRulesTest {

    private static final String SMS = MfaSettings.SMS;
    private static final String EMAIL = MfaSettings.EMAIL;
    private static final String TOTP = MfaSettings.TOTP;

    static MfaSettings mfa(Set<String> enabled, String preferred) {
        return new MfaSettings(enabled, Optional.ofNullable(preferred));
    }

    static Stream<Arguments> cases() {
        MfaFactors all = new MfaFactors("OPTIONAL", Set.of(SMS, EMAIL, TOTP));
        return Stream.of(
                arguments("SMS preferred is copied", all, mfa(Set.of(SMS), SMS), mfa(Set.of(SMS), SMS), false),
                arguments("SMS and email, email preferred", all, mfa(Set.of(SMS, EMAIL), EMAIL),
                        mfa(Set.of(SMS, EMAIL), EMAIL), false),
                arguments("TOTP is never copied and means re-enrolment", all, mfa(Set.of(TOTP), TOTP), MfaSettings.NONE,
                        true),
                arguments("TOTP preferred beside SMS: SMS copied without a preference", all, mfa(Set.of(SMS, TOTP), TOTP),
                        mfa(Set.of(SMS), null), true),
                arguments("a factor the target lacks is left out", new MfaFactors("OPTIONAL", Set.of(EMAIL)),
                        mfa(Set.of(SMS, EMAIL), SMS), mfa(Set.of(EMAIL), null), false),
                arguments("a target with MFA off takes nothing", new MfaFactors("OFF", Set.of(SMS, EMAIL)),
                        mfa(Set.of(SMS), SMS), MfaSettings.NONE, false),
                arguments("no MFA stays none", all, MfaSettings.NONE, MfaSettings.NONE, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void copiesWhatTheTargetAllows(String description, MfaFactors target, MfaSettings source, MfaSettings expected,
            boolean reEnrol) {
        assertThat(new MfaRules(true, target).desired(source)).isEqualTo(expected);
        assertThat(MfaRules.reEnrolTotp(source)).isEqualTo(reEnrol);
    }
}
