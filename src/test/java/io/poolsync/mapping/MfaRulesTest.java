package io.poolsync.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
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
        assertThat(new MfaRules(true, target, 7).desired(source)).isEqualTo(expected);
        assertThat(MfaRules.reEnrolTotp(source)).isEqualTo(reEnrol);
    }

    static Stream<Arguments> changes() {
        MfaFactors smsAndEmail = new MfaFactors("OPTIONAL", Set.of(SMS, EMAIL, TOTP));
        return Stream.of(
                arguments("the same: nothing to set", mfa(Set.of(SMS), SMS), mfa(Set.of(SMS), SMS), null),
                arguments("SMS turned on in the source", mfa(Set.of(SMS), SMS), MfaSettings.NONE,
                        mfa(Set.of(SMS), SMS)),
                arguments("SMS turned off in the source", MfaSettings.NONE, mfa(Set.of(SMS), SMS), MfaSettings.NONE),
                arguments("the preference moved to email", mfa(Set.of(SMS, EMAIL), EMAIL), mfa(Set.of(SMS, EMAIL), SMS),
                        mfa(Set.of(SMS, EMAIL), EMAIL)),
                arguments("TOTP set up in the target is left alone", MfaSettings.NONE, mfa(Set.of(TOTP), TOTP), null),
                arguments("TOTP preferred in the target keeps its preference", mfa(Set.of(SMS), SMS),
                        mfa(Set.of(TOTP), TOTP), mfa(Set.of(SMS), null)),
                arguments("TOTP in the source is not copied", mfa(Set.of(TOTP), TOTP), MfaSettings.NONE, null))
                .map(arguments -> arguments(arguments.get()[0], smsAndEmail, arguments.get()[1], arguments.get()[2],
                        arguments.get()[3]));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("changes")
    void anExistingUserGetsWhatDiffersFromItsSourceUser(String description, MfaFactors factors, MfaSettings source,
            MfaSettings target, MfaSettings expected) {
        assertThat(new MfaRules(true, factors, 7).change(source, target)).isEqualTo(Optional.ofNullable(expected));
    }

    @Test
    void everyUserIsDueInExactlyOneOfAnyNConsecutiveRuns() {
        MfaRules rules = new MfaRules(true, new MfaFactors("OPTIONAL", Set.of(SMS)), 7);
        int[] perSlice = new int[7];
        for (int user = 0; user < 7_000; user++) {
            String sub = UUID.nameUUIDFromBytes(("user-" + user).getBytes()).toString();
            for (long first : new long[] {0, 20_424, -3}) {
                long due = LongStream.range(first, first + 7).filter(run -> rules.refreshDue(sub, run))
                        .count();
                assertThat(due).as(sub + " from run " + first).isEqualTo(1);
            }
            assertThat(rules.refreshDue(sub, 5)).isEqualTo(rules.refreshDue(sub, 12))
                    .isEqualTo(rules.refreshDue(sub, 19));
            perSlice[MfaRules.slice(sub, 7)]++;
        }
        // A seventh each, give or take: no run reads far more users than another.
        assertThat(Arrays.stream(perSlice).boxed().toList())
                .allSatisfy(count -> assertThat(count).isBetween(850, 1150));
    }

    static Stream<Arguments> noRefresh() {
        MfaFactors sms = new MfaFactors("OPTIONAL", Set.of(SMS));
        return Stream.of(
                arguments("refresh-every=0", new MfaRules(true, sms, 0), "sub"),
                arguments("poolsync.mfa.copy=false", new MfaRules(false, sms, 1), "sub"),
                arguments("a target with only TOTP", new MfaRules(true, new MfaFactors("ON", Set.of(TOTP)), 1), "sub"),
                arguments("a target with MFA off", new MfaRules(true, new MfaFactors("OFF", Set.of(SMS)), 1), "sub"),
                arguments("no source sub", new MfaRules(true, sms, 1), ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("noRefresh")
    void nobodyIsDue(String description, MfaRules rules, String sub) {
        for (long run = 0; run < 10; run++) {
            assertThat(rules.refreshDue(sub, run)).isFalse();
        }
    }
}
