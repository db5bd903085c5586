package io.poolsync.sync;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

import io.poolsync.bulk.BulkSettings;
import io.poolsync.config.InvalidConfigException;
import io.poolsync.config.DeliveryMedium;
import io.poolsync.config.PasswordMode;
import io.poolsync.config.ListUsersFilter;
import io.poolsync.config.PoolsyncConfig;
import io.poolsync.config.RoleArnPolicy;
import io.poolsync.config.SyncPolicy;
import io.poolsync.mapping.AttributeRules;
import io.poolsync.mapping.GroupRules;
import io.poolsync.mapping.NamePairs;
import io.poolsync.model.PoolSchema;
import io.poolsync.model.UserStatus;
import io.poolsync.plan.MatchKey;
import io.poolsync.plan.PlannedRemoval;
import io.poolsync.plan.Planner;
import io.poolsync.plan.Policy;
import io.poolsync.plan.SignInPlanner;

/**
 * The configuration checked against both pools' schemas and turned into the rules a run uses. Built once at start-up,
 * so a mapping that can't work stops poolsync before it writes anything.
 *
 * @param bulk     whether and how users to create go through import jobs
 * @param warnings what works but loses something, logged once at start-up
 * @param signIn   federated users' links and MFA settings
 */
public record SyncSettings(AttributeRules rules, GroupRules groupRules, Planner planner, MatchKey matchKey,
        PasswordMode passwordMode, List<String> invitationMediums, PoolSchema.PasswordPolicy passwordPolicy,
        Optional<String> sourceFilter, boolean groupsEnabled, int maxRemovals, boolean dryRun, BulkSettings bulk,
        List<String> warnings, SignInSettings signIn) {

    private static final Set<String> KNOWN_STATUSES = Set.of(UserStatus.CONFIRMED, UserStatus.UNCONFIRMED,
            UserStatus.FORCE_CHANGE_PASSWORD, UserStatus.RESET_REQUIRED, UserStatus.EXTERNAL_PROVIDER, "ARCHIVED",
            "COMPROMISED", "UNKNOWN");
    private static final Map<String, String> INVITATION_ADDRESS = Map.of("EMAIL", AttributeRules.EMAIL, "SMS",
            AttributeRules.PHONE);

    public static SyncSettings from(PoolsyncConfig config, PoolSchema source, PoolSchema target) {
        List<String> problems = new ArrayList<>();
        List<String> warnings = new ArrayList<>();

        // A pool id is unique within its Region; endpoints are not compared, since one endpoint has many spellings.
        if (config.source().poolId().equals(config.target().poolId())
                && config.source().effectiveRegion().equals(config.target().effectiveRegion())) {
            problems.add("poolsync.source.pool-id and poolsync.target.pool-id are the same pool (" + config.source().poolId()
                    + " in " + config.source().effectiveRegion() + "): poolsync would overwrite the users it reads; "
                    + "point poolsync.target.pool-id at another pool");
        }

        PasswordMode mode = config.password().mode();
        List<DeliveryMedium> mediums = config.password().inviteDeliveryMediums().stream().distinct().toList();

        Set<String> statuses = new LinkedHashSet<>();
        for (String status : config.statuses()) {
            String normalised = status.trim().toUpperCase(Locale.ROOT);
            if (normalised.equals(UserStatus.EXTERNAL_PROVIDER)) {
                problems.add("poolsync.statuses: EXTERNAL_PROVIDER can't be replicated as a status (AdminCreateUser can't "
                        + "create federated users); poolsync.federation.link=true replicates them as native users with their "
                        + "identities linked");
            } else if (!KNOWN_STATUSES.contains(normalised)) {
                problems.add("poolsync.statuses: " + status + " is not a Cognito user status (known: " + KNOWN_STATUSES + ")");
            } else {
                statuses.add(normalised);
            }
        }

        SyncPolicy policy = config.policy();
        PlannedRemoval.Kind removal = switch (config.mirror().action()) {
            case DISABLE -> PlannedRemoval.Kind.DISABLE;
            case DELETE -> PlannedRemoval.Kind.DELETE;
        };
        Optional<String> filter = config.source().filter()
                .map(value -> attempt(problems, () -> ListUsersFilter.parse("poolsync.source.filter", value)));
        if (policy == SyncPolicy.MIRROR && config.source().filter().isPresent()) {
            problems.add("poolsync.policy=mirror with poolsync.source.filter would remove every owned user outside the "
                    + "slice: sync a slice with upsert, and mirror without a filter");
        }
        RoleArnPolicy roleArnPolicy = config.groups().roleArn();
        Map<String, String> accountMap = NamePairs.parse("poolsync.groups.account-map",
                config.groups().accountMap().orElse(List.of()), problems);
        accountMap.forEach((from, to) -> {
            if (!from.matches("\\d{12}") || !to.matches("\\d{12}")) {
                problems.add("poolsync.groups.account-map: " + from + "->" + to + " must map one 12-digit account id to another");
            }
        });
        if (roleArnPolicy == RoleArnPolicy.MAP && accountMap.isEmpty()) {
            problems.add("poolsync.groups.role-arn=map needs poolsync.groups.account-map (source-account->target-account)");
        }

        String sourceSubName = config.mapping().sourceSubAttribute();
        Optional<String> sourceSub = target.attribute(sourceSubName).map(PoolSchema.SchemaAttribute::name);
        // The owner mark is how poolsync tells its users from the target's own; without it, it could own nobody, and a
        // create interrupted before its password (confirmed mode) would leave a user nobody can sign in as, for good.
        if (sourceSub.isEmpty()) {
            problems.add("poolsync.mapping.source-sub-attribute: the target pool " + target.poolId() + " has no attribute "
                    + sourceSubName + ": poolsync marks each user it creates with it and writes to no other user; add "
                    + "it to the target pool (a String custom attribute) or name another one");
        }
        boolean adoptExisting = config.ownership().adoptExisting();
        if (adoptExisting && sourceSub.isPresent() && !target.attribute(sourceSub.get()).orElseThrow().mutable()) {
            problems.add("poolsync.ownership.adopt-existing=true needs " + sourceSubName + " to be mutable in the target "
                    + "pool " + target.poolId() + ": adopting a user writes it");
        }
        AttributeRules rules = AttributeRules.fromSettings(UnaryOperator.identity(), config.mapping().exclude(),
                config.mapping().renames().orElse(List.of()), config.mapping().emailVerified(),
                config.mapping().phoneNumberVerified(), sourceSub, problems);
        Map<String, String> renames = rules.renames();
        // Users are matched and created by the attribute the target signs in with: without it every user is skipped.
        for (String signIn : target.usernameAttributes()) {
            if (rules.excluded().contains(signIn)) {
                problems.add("poolsync.mapping.exclude: " + signIn + " is the attribute the target pool " + target.poolId()
                        + " signs in with (UsernameAttributes), so no user could be matched or created; "
                        + "remove it from poolsync.mapping.exclude");
            } else if (renames.containsKey(signIn) && !renames.containsValue(signIn)) {
                problems.add("poolsync.mapping.renames: " + signIn + "->" + renames.get(signIn) + " takes away the "
                        + "attribute the target pool " + target.poolId() + " signs in with (UsernameAttributes), so no "
                        + "user could be matched or created; don't rename " + signIn);
            }
        }

        Set<String> createOnly = new HashSet<>(config.mapping().createOnly().orElse(List.of()));
        createOnly.stream().filter(name -> target.attribute(name).isEmpty()).sorted().forEach(name -> problems.add(
                "poolsync.mapping.create-only: " + name + " is not an attribute of the target pool " + target.poolId()));
        renames.forEach((from, to) -> {
            if (target.attribute(to).isEmpty()) {
                problems.add("poolsync.mapping.renames: " + from + "->" + to + " writes " + to
                        + ", which the target pool " + target.poolId() + " lacks");
            }
        });
        Set<String> written = new HashSet<>();
        source.attributes().keySet().stream()
                .filter(name -> !name.startsWith("dev:"))
                .forEach(name -> rules.targetName(name).ifPresent(written::add));
        sourceSub.ifPresent(written::add);
        written.stream().sorted().forEach(name -> {
            Optional<PoolSchema.SchemaAttribute> attribute = target.attribute(name);
            if (attribute.isEmpty()) {
                problems.add("poolsync.mapping: the source attribute behind " + name + " has nowhere to go: the target pool "
                        + target.poolId() + " lacks " + name + "; add it there, rename it (poolsync.mapping.renames) "
                        + "or exclude it (poolsync.mapping.exclude)");
            } else if (!attribute.get().mutable() && !name.equals(sourceSubName) && !createOnly.contains(name)) {
                problems.add("poolsync.mapping: " + name + " is immutable in the target pool " + target.poolId()
                        + ", so poolsync could write it only when creating a user and never update it; list it in "
                        + "poolsync.mapping.create-only to accept that, or exclude it (poolsync.mapping.exclude)");
            }
        });
        // Attributes the source supplies: deleted from an owned user whose source user lost them; the owner mark and
        // the create-only ones never are.
        Set<String> managed = new HashSet<>(written);
        sourceSub.ifPresent(managed::remove);
        // The owner mark is never updated: poolsync writes it when it creates (or, opted in, adopts) a user.
        sourceSub.ifPresent(createOnly::add);
        BulkSettings bulk = BulkSettings.from(config.bulk(), mode, problems);

        if (!problems.isEmpty()) {
            throw new InvalidConfigException(problems);
        }
        MatchKey matchKey = new MatchKey(target.usernameAttributes(), target.usernameCaseSensitive());
        List<String> invitationMediums = mode == PasswordMode.INVITE ? mediums.stream().map(Enum::name).toList() : List.of();
        Set<String> invitationAddresses = new HashSet<>();
        invitationMediums.forEach(medium -> invitationAddresses.add(INVITATION_ADDRESS.get(medium)));
        Planner planner = new Planner(statuses, createOnly, managed, invitationAddresses, Policy.of(policy, removal),
                mode == PasswordMode.CONFIRMED, adoptExisting);
        return new SyncSettings(rules, new GroupRules(roleArnPolicy, accountMap), planner, matchKey, mode,
                invitationMediums, target.passwordPolicy(), filter, config.groups().enabled(),
                config.mirror().maxDeletes(), config.dryRun(), bulk, List.copyOf(warnings), SignInSettings.OFF);
    }

    /** With the federation and MFA settings, which need both pools' identity providers (see {@link SyncSetup}). */
    public SyncSettings withSignIn(SignInSettings settings) {
        return new SyncSettings(rules, groupRules, planner.withSignIn(new SignInPlanner(settings.federation())),
                matchKey, passwordMode, invitationMediums, passwordPolicy, sourceFilter, groupsEnabled, maxRemovals,
                dryRun, bulk, warnings, settings);
    }

    private static <T> T attempt(List<String> problems, java.util.function.Supplier<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
            return null;
        }
    }
}
