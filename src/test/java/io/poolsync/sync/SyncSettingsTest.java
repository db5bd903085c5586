package io.poolsync.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.poolsync.testing.TestConfig;
import io.poolsync.config.InvalidConfigException;
import io.poolsync.config.PasswordMode;
import io.poolsync.config.PoolsyncConfig;
import io.poolsync.config.RoleArnPolicy;
import io.poolsync.model.PoolSchema;
import io.poolsync.model.PoolSchema.PasswordPolicy;
import io.poolsync.plan.MatchKey;
import io.poolsync.plan.CreateOnlyPolicy;
import io.poolsync.plan.MirrorPolicy;
import io.poolsync.plan.PlannedRemoval;
import io.poolsync.plan.UpsertPolicy;

class SyncSettingsTest {

    static final String SOURCE_ID = "eu-west-1_Source1";
    static final String TARGET_ID = "eu-west-1_Target1";
    static final PasswordPolicy POLICY = new PasswordPolicy(12, true, true, true, false);

    /** Attribute names; a trailing '!' marks an immutable one. */
    static final String[] SOURCE_ATTRIBUTES = { "sub!", "email", "email_verified", "given_name", "identities" };
    static final String[] TARGET_ATTRIBUTES = { "sub!", "email", "email_verified", "given_name", "identities",
            "custom:source_sub", "custom:tenant!", "custom:department" };

    static PoolSchema schema(String poolId, List<String> usernameAttributes, boolean caseSensitive, String... attributes) {
        Map<String, PoolSchema.SchemaAttribute> byName = Arrays.stream(attributes)
                .map(name -> name.endsWith("!")
                        ? new PoolSchema.SchemaAttribute(name.substring(0, name.length() - 1), false)
                        : new PoolSchema.SchemaAttribute(name, true))
                .collect(Collectors.toMap(PoolSchema.SchemaAttribute::name, Function.identity()));
        return new PoolSchema(poolId, usernameAttributes, caseSensitive, byName, POLICY);
    }

    static PoolSchema source(String... extra) {
        return schema(SOURCE_ID, List.of(), true, concat(SOURCE_ATTRIBUTES, extra));
    }

    static PoolSchema target(String... extra) {
        return schema(TARGET_ID, List.of("email"), false, concat(TARGET_ATTRIBUTES, extra));
    }

    static PoolsyncConfig config(String... overrides) {
        return TestConfig.poolsync(SOURCE_ID, TARGET_ID, overrides);
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                arguments("same pool for source and target",
                        config("poolsync.target.pool-id", SOURCE_ID), source(), target(), 1,
                        List.of("poolsync.source.pool-id and poolsync.target.pool-id are the same pool (" + SOURCE_ID
                                + " in eu-west-1)", "point poolsync.target.pool-id at another pool")),
                arguments("same pool behind two spellings of one endpoint",
                        config("poolsync.target.pool-id", SOURCE_ID, "poolsync.source.endpoint", "http://localhost:9229/",
                                "poolsync.target.endpoint", "http://127.0.0.1:9229"), source(), target(), 1,
                        List.of("are the same pool (" + SOURCE_ID + " in eu-west-1)")),
                arguments("same pool with its Region spelled out on one side",
                        config("poolsync.target.pool-id", SOURCE_ID, "poolsync.target.region", "eu-west-1"), source(),
                        target(), 1, List.of("are the same pool (" + SOURCE_ID + " in eu-west-1)")),
                arguments("excluding the attribute the target signs in with",
                        config("poolsync.mapping.exclude", "identities,email"), source(), target(), 1,
                        List.of("poolsync.mapping.exclude: email is the attribute the target pool " + TARGET_ID
                                + " signs in with", "remove it from poolsync.mapping.exclude")),
                arguments("renaming away the attribute the target signs in with",
                        config("poolsync.mapping.renames", "email->custom:department"), source(), target(), 1,
                        List.of("poolsync.mapping.renames: email->custom:department takes away the attribute the target "
                                + "pool " + TARGET_ID + " signs in with")),
                arguments("statuses containing EXTERNAL_PROVIDER",
                        config("poolsync.statuses", "CONFIRMED,external_provider"), source(), target(), 1,
                        List.of("poolsync.statuses: EXTERNAL_PROVIDER can't be replicated")),
                arguments("unknown status",
                        config("poolsync.statuses", "CONFIRMED,ACTIVE"), source(), target(), 1,
                        List.of("poolsync.statuses: ACTIVE is not a Cognito user status")),
                arguments("malformed rename without arrow",
                        config("poolsync.mapping.renames", "given_name"), source(), target(), 1,
                        List.of("poolsync.mapping.renames: 'given_name' is not of the form from->to")),
                arguments("malformed rename with an empty target",
                        config("poolsync.mapping.renames", "given_name->"), source(), target(), 1,
                        List.of("poolsync.mapping.renames: 'given_name->' is not of the form")),
                arguments("renaming sub",
                        config("poolsync.mapping.renames", "sub->custom:department"), source(), target(), 1,
                        List.of("poolsync.mapping.renames: sub can't be renamed")),
                arguments("a source attribute the target schema lacks is named",
                        config(), source("custom:loyalty"), target(), 1,
                        List.of("poolsync.mapping: the source attribute behind custom:loyalty has nowhere to go",
                                "lacks custom:loyalty")),
                arguments("a rename to a target attribute that doesn't exist",
                        config("poolsync.mapping.renames", "given_name->custom:first_name"), source(), target(), 2,
                        List.of("poolsync.mapping.renames: given_name->custom:first_name writes custom:first_name, "
                                + "which the target pool " + TARGET_ID + " lacks")),
                arguments("an immutable target attribute that would be updated",
                        config(), source("custom:tenant"), target(), 1,
                        List.of("poolsync.mapping: custom:tenant is immutable in the target pool " + TARGET_ID,
                                "poolsync.mapping.create-only")),
                arguments("mirror with a source filter is refused",
                        config("poolsync.policy", "mirror", "poolsync.source.filter", "email ^= \"a\""), source(),
                        target(), 1,
                        List.of("poolsync.policy=mirror with poolsync.source.filter",
                                "would remove every owned user outside the slice")),
                arguments("a filter on a custom attribute",
                        config("poolsync.source.filter", "custom:tenant = \"x\""), source(), target(), 1,
                        List.of("poolsync.source.filter", "can't filter on custom:tenant")),
                arguments("a filter Cognito can't parse",
                        config("poolsync.source.filter", "email > \"a\""), source(), target(), 1,
                        List.of("poolsync.source.filter='email > \"a\"' is not a ListUsers filter")),
                arguments("role-arn map without an account map",
                        config("poolsync.groups.role-arn", "map"), source(), target(), 1,
                        List.of("poolsync.groups.role-arn=map needs poolsync.groups.account-map")),
                arguments("an account map with malformed account ids",
                        config("poolsync.groups.role-arn", "map", "poolsync.groups.account-map", "1234->222222222222"),
                        source(), target(), 1,
                        List.of("poolsync.groups.account-map: 1234->222222222222 must map one 12-digit account id "
                                + "to another")),
                arguments("an account map entry without arrow",
                        config("poolsync.groups.account-map", "111111111111"), source(), target(), 1,
                        List.of("poolsync.groups.account-map: '111111111111' is not of the form from->to")),
                arguments("create-only naming a missing attribute",
                        config("poolsync.mapping.create-only", "custom:nope"), source(), target(), 1,
                        List.of("poolsync.mapping.create-only: custom:nope is not an attribute of the target pool "
                                + TARGET_ID)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void refuses(String description, PoolsyncConfig config, PoolSchema source, PoolSchema target,
            int problemCount, List<String> expectedFragments) {
        InvalidConfigException e = catchThrowableOfType(InvalidConfigException.class,
                () -> SyncSettings.from(config, source, target));

        assertThat(e).as(description).isNotNull();
        assertThat(e.problems()).as(description).anySatisfy(problem -> {
            assertThat(problem).contains(expectedFragments);
            assertThat(e.getMessage()).contains(problem);
        });
        // A rename into a missing attribute is reported twice: the rename, and the source attribute with nowhere to go.
        assertThat(e.problems()).as(description).hasSize(problemCount);
    }

    @Test
    void reportsEveryProblemAtOnce() {
        PoolsyncConfig config = config(
                "poolsync.target.pool-id", SOURCE_ID,
                "poolsync.statuses", "EXTERNAL_PROVIDER,BOGUS",
                "poolsync.mapping.renames", "sub->custom:x,oops",
                "poolsync.mapping.create-only", "custom:nope");

        InvalidConfigException e = catchThrowableOfType(InvalidConfigException.class,
                () -> SyncSettings.from(config, source("custom:loyalty"), target()));

        assertThat(e.problems()).hasSize(7);
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).contains("are the same pool"))
                .anySatisfy(p -> assertThat(p).contains("EXTERNAL_PROVIDER can't be replicated"))
                .anySatisfy(p -> assertThat(p).contains("BOGUS is not a Cognito user status"))
                .anySatisfy(p -> assertThat(p).contains("sub can't be renamed"))
                .anySatisfy(p -> assertThat(p).contains("'oops' is not of the form"))
                .anySatisfy(p -> assertThat(p).contains("create-only: custom:nope"))
                .anySatisfy(p -> assertThat(p).contains("lacks custom:loyalty"));
    }

    @Test
    void sameIdInAnotherRegionIsAnotherPool() {
        SyncSettings settings = SyncSettings.from(config("poolsync.target.pool-id", SOURCE_ID,
                "poolsync.target.region", "eu-central-1"), source(), target());
        assertThat(settings.passwordMode()).isEqualTo(PasswordMode.CONFIRMED);
    }

    @Test
    void renamingAnotherAttributeOntoTheSignInAttributeKeepsIt() {
        SyncSettings settings = SyncSettings.from(config("poolsync.mapping.renames",
                "email->custom:department,given_name->email"), source(), target());
        assertThat(settings.rules().targetName("given_name")).contains("email");
    }

    @Test
    void validConfirmedConfig() {
        SyncSettings settings = SyncSettings.from(config(), source(), target());

        assertThat(settings.matchKey()).isEqualTo(new MatchKey(List.of("email"), false));
        assertThat(settings.passwordMode()).isEqualTo(PasswordMode.CONFIRMED);
        assertThat(settings.invitationMediums()).isEmpty();
        assertThat(settings.planner().invitationAddresses()).isEmpty();
        assertThat(settings.planner().replicatedStatuses())
                .containsExactlyInAnyOrder("CONFIRMED", "FORCE_CHANGE_PASSWORD", "RESET_REQUIRED");
        assertThat(settings.planner().createOnlyAttributes())
                .as("the source sub is never updated").containsExactly("custom:source_sub");
        assertThat(settings.rules().sourceSubAttribute()).contains("custom:source_sub");
        assertThat(settings.rules().excluded()).contains("sub", "identities");
        assertThat(settings.passwordPolicy()).isEqualTo(POLICY);
        assertThat(settings.warnings()).isEmpty();
        assertThat(settings.planner().policy()).isEqualTo(new UpsertPolicy());
        assertThat(settings.planner().repairPasswords()).isTrue();
        assertThat(settings.sourceFilter()).isEmpty();
        assertThat(settings.groupsEnabled()).isTrue();
        assertThat(settings.groupRules().roleArnPolicy()).isEqualTo(RoleArnPolicy.COPY);
        assertThat(settings.maxRemovals()).isEqualTo(100);
        assertThat(settings.dryRun()).isFalse();
    }

    @Test
    void sourceFilterIsNormalised() {
        SyncSettings settings = SyncSettings.from(config("poolsync.source.filter", "  email^=   \"a\" "), source(),
                target());
        assertThat(settings.sourceFilter()).contains("email ^= \"a\"");
        assertThat(settings.planner().policy()).isEqualTo(new UpsertPolicy());
    }

    @Test
    void sourceFilterWithCreateOnly() {
        SyncSettings settings = SyncSettings.from(config("poolsync.policy", "Create-Only",
                "poolsync.source.filter", "cognito:user_status = \"CONFIRMED\""), source(), target());
        assertThat(settings.sourceFilter()).contains("cognito:user_status = \"CONFIRMED\"");
        assertThat(settings.planner().policy()).isEqualTo(new CreateOnlyPolicy());
    }

    @Test
    void mirrorDeleteWithItsBound() {
        SyncSettings settings = SyncSettings.from(config("poolsync.policy", "mirror", "poolsync.mirror.action", "DELETE",
                "poolsync.mirror.max-deletes", "7"), source(), target());
        assertThat(settings.planner().policy()).isEqualTo(new MirrorPolicy(PlannedRemoval.Kind.DELETE));
        assertThat(settings.maxRemovals()).isEqualTo(7);
    }

    @Test
    void dryRun() {
        assertThat(SyncSettings.from(config("poolsync.dry-run", "true"), source(), target()).dryRun()).isTrue();
    }

    @Test
    void roleArnMapWithAnAccountMap() {
        SyncSettings settings = SyncSettings.from(config("poolsync.groups.role-arn", "map",
                "poolsync.groups.account-map", "111111111111->222222222222, 333333333333 -> 444444444444"), source(),
                target());
        assertThat(settings.groupRules().roleArnPolicy()).isEqualTo(RoleArnPolicy.MAP);
        assertThat(settings.groupRules().accountMap()).containsOnly(Map.entry("111111111111", "222222222222"),
                Map.entry("333333333333", "444444444444"));
    }

    @Test
    void groupsCanBeTurnedOff() {
        assertThat(SyncSettings.from(config("poolsync.groups.enabled", "false"), source(), target()).groupsEnabled())
                .isFalse();
    }

    @Test
    void inviteModeRepairsNoPasswords() {
        assertThat(SyncSettings.from(config("poolsync.password.mode", "invite"), source(), target()).planner()
                .repairPasswords()).isFalse();
    }

    @Test
    void matchKeyFollowsTheTargetsUsernameSettings() {
        PoolSchema byUsername = schema(TARGET_ID, List.of(), true, TARGET_ATTRIBUTES);
        assertThat(SyncSettings.from(config(), source(), byUsername).matchKey()).isEqualTo(MatchKey.byUsername(true));
    }

    @Test
    void confirmedModeIgnoresInviteMediums() {
        SyncSettings settings = SyncSettings.from(config("poolsync.password.invite-delivery-mediums", "SMS"), source(),
                target());
        assertThat(settings.invitationMediums()).isEmpty();
    }

    @Test
    void inviteModeSendsByEmailByDefault() {
        SyncSettings settings = SyncSettings.from(config("poolsync.password.mode", "Invite"), source(), target());

        assertThat(settings.passwordMode()).isEqualTo(PasswordMode.INVITE);
        assertThat(settings.invitationMediums()).containsExactly("EMAIL");
        assertThat(settings.planner().invitationAddresses()).containsExactly("email");
    }

    @Test
    void inviteModeByEmailAndSms() {
        SyncSettings settings = SyncSettings.from(config("poolsync.password.mode", "invite",
                "poolsync.password.invite-delivery-mediums", "email, sms,EMAIL"), source(), target());

        assertThat(settings.invitationMediums()).containsExactly("EMAIL", "SMS");
        assertThat(settings.planner().invitationAddresses()).containsExactlyInAnyOrder("email", "phone_number");
    }

    @Test
    void statusesAreNormalised() {
        SyncSettings settings = SyncSettings.from(config("poolsync.statuses", "confirmed, Unconfirmed"), source(),
                target());
        assertThat(settings.planner().replicatedStatuses()).containsExactlyInAnyOrder("CONFIRMED", "UNCONFIRMED");
    }

    @Test
    void immutableAttributeListedAsCreateOnlyIsAccepted() {
        SyncSettings settings = SyncSettings.from(config("poolsync.mapping.create-only", "custom:tenant"),
                source("custom:tenant"), target());
        assertThat(settings.planner().createOnlyAttributes()).containsExactlyInAnyOrder("custom:tenant", "custom:source_sub");
    }

    @Test
    void renameIntoAnExistingTargetAttributeIsAccepted() {
        SyncSettings settings = SyncSettings.from(config("poolsync.mapping.renames", "custom:dept->custom:department"),
                source("custom:dept"), target());
        assertThat(settings.rules().renames()).containsExactly(Map.entry("custom:dept", "custom:department"));
    }

    @Test
    void excludedSourceAttributeNeedsNoTargetAttribute() {
        SyncSettings settings = SyncSettings.from(config("poolsync.mapping.exclude", "identities,custom:loyalty"),
                source("custom:loyalty"), target());
        assertThat(settings.rules().targetName("custom:loyalty")).isEmpty();
    }

    @Test
    void developerOnlySourceAttributesAreIgnored() {
        assertThat(SyncSettings.from(config(), source("dev:custom:debug"), target()).warnings()).isEmpty();
    }

    @Test
    void immutableSourceSubAttributeBecomesCreateOnly() {
        PoolSchema target = schema(TARGET_ID, List.of("email"), false, "sub!", "email", "email_verified", "given_name",
                "identities", "custom:source_sub!");
        SyncSettings settings = SyncSettings.from(config(), source(), target);
        assertThat(settings.planner().createOnlyAttributes()).containsExactly("custom:source_sub");
    }

    @Test
    void targetWithoutSourceSubIsRefused() {
        PoolSchema target = schema(TARGET_ID, List.of("email"), false, "sub!", "email", "email_verified", "given_name",
                "identities");

        InvalidConfigException e = catchThrowableOfType(InvalidConfigException.class,
                () -> SyncSettings.from(config(), source(), target));

        // Without the owner mark poolsync could own nobody, and could not repair a create interrupted before its
        // password was set (confirmed mode): that user could never sign in.
        assertThat(e.problems()).singleElement().asString().contains("poolsync.mapping.source-sub-attribute",
                TARGET_ID, "custom:source_sub", "writes to no other user");
    }

    @Test
    void adoptingNeedsAMutableSourceSub() {
        PoolSchema target = schema(TARGET_ID, List.of("email"), false, "sub!", "email", "email_verified", "given_name",
                "identities", "custom:source_sub!");

        InvalidConfigException e = catchThrowableOfType(InvalidConfigException.class,
                () -> SyncSettings.from(config("poolsync.ownership.adopt-existing", "true"), source(), target));

        assertThat(e.problems()).singleElement().asString().contains("poolsync.ownership.adopt-existing=true",
                "custom:source_sub", "mutable");
    }

    @Test
    void adoptingWithAMutableSourceSub() {
        SyncSettings settings = SyncSettings.from(config("poolsync.ownership.adopt-existing", "true"), source(), target());

        assertThat(settings.planner().adoptExisting()).isTrue();
    }

    @Test
    void managedAttributesAreWhatTheSourceSuppliesBesideTheOwnerMark() {
        SyncSettings settings = SyncSettings.from(config("poolsync.mapping.exclude", "identities,given_name"),
                source(), target());

        assertThat(settings.planner().managedAttributes()).contains("email", "email_verified")
                .doesNotContain("given_name", "identities", "sub", "custom:source_sub");
        assertThat(settings.planner().adoptExisting()).isFalse();
    }

    @Test
    void customSourceSubAttributeName() {
        SyncSettings settings = SyncSettings.from(config("poolsync.mapping.source-sub-attribute", "custom:department"),
                source(), target());
        assertThat(settings.rules().sourceSubAttribute()).contains("custom:department");
    }

    static String[] concat(String[] base, String[] extra) {
        return Stream.concat(Arrays.stream(base), Arrays.stream(extra)).toArray(String[]::new);
    }
}
