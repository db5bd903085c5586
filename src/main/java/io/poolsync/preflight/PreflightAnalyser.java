package io.poolsync.preflight;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import io.poolsync.config.PasswordMode;
import io.poolsync.config.SyncPolicy;
import io.poolsync.model.PoolDescription;
import io.poolsync.model.PoolDescription.AppClient;
import io.poolsync.model.PoolDescription.AttributeDefinition;
import io.poolsync.model.UserStatus;

/** Turns both pools' descriptions and a scan's counts into findings. Pure: no I/O, no clock. */
public final class PreflightAnalyser {

    /**
     * "EmailConfigurationType" (API reference): COGNITO_DEFAULT allows only a limited number of emails a day, 50 by
     * "Quotas in Amazon Cognito".
     */
    static final int DEFAULT_SENDER_EMAILS_PER_DAY = 50;
    /**
     * "UserPoolClientType" ExplicitAuthFlows: the flows that send the password itself, which the Migrate User trigger
     * needs; SRP never sends it. ADMIN_NO_SRP_AUTH and USER_PASSWORD_AUTH are the legacy names.
     */
    static final Set<String> PASSWORD_FLOWS = Set.of("ALLOW_USER_PASSWORD_AUTH", "ALLOW_ADMIN_USER_PASSWORD_AUTH",
            "USER_PASSWORD_AUTH", "ADMIN_NO_SRP_AUTH");

    private PreflightAnalyser() {
    }

    public static List<Finding> analyse(PreflightInput input) {
        List<Finding> findings = new ArrayList<>();
        input.unreadable().forEach(failure -> findings.add(new Finding(
                "unreadable:" + failure.pool() + ":" + failure.operation(), Severity.WARNING,
                "Could not call " + failure.operation() + " on the " + failure.pool() + " pool", failure.error()
                        + ". What it would show is left unchecked.",
                null, "Grant poolsync cognito-idp:" + failure.operation() + " on the pool (see the IAM permissions).")));
        usernames(input, findings);
        attributes(input, findings);
        verification(input, findings);
        mfa(input, findings);
        statusesAndProviders(input, findings);
        updateOnly(input, findings);
        invitations(input, findings);
        featurePlans(input, findings);
        return findings;
    }

    private static void usernames(PreflightInput input, List<Finding> findings) {
        PoolDescription source = input.source();
        PoolDescription target = input.target();
        SourceCounts counts = input.counts();
        String becomes = target.usernameAttributes().isEmpty()
                ? "target usernames are the source usernames"
                : "Cognito generates each target username (the target signs in with "
                        + String.join(" or ", target.usernameAttributes()) + "), so users keep signing in with it";
        boolean loses = source.usernameAttributes().isEmpty() && !target.usernameAttributes().isEmpty();
        findings.add(new Finding("username-attributes", loses ? Severity.WARNING : Severity.INFO,
                "Sign-in: source by " + signIn(source) + ", target by " + signIn(target), becomes + ".",
                loses ? counts.replicable() : null,
                loses ? "Tell users to sign in with their " + String.join(" or ", target.usernameAttributes())
                        + "; their username no longer works." : "None needed."));
        if (!target.usernameAttributes().isEmpty() && counts.withoutSignInAttribute() > 0) {
            findings.add(new Finding("sign-in-attribute-missing", Severity.BLOCKER,
                    "Users without " + target.usernameAttributes().get(0),
                    "The target signs in with " + target.usernameAttributes().get(0) + "; a user without it can't be created there.",
                    counts.withoutSignInAttribute(),
                    "Give those users an address in the source, or move them to a target that signs in by username."));
        }
        Set<String> lostAliases = new TreeSet<>(source.aliasAttributes());
        lostAliases.removeAll(target.aliasAttributes());
        lostAliases.removeAll(target.usernameAttributes());
        if (!lostAliases.isEmpty()) {
            findings.add(new Finding("alias-attributes", Severity.WARNING,
                    "Sign-in aliases the target lacks: " + String.join(", ", lostAliases),
                    "Source users may sign in with " + String.join(", ", lostAliases) + " (AliasAttributes); the target "
                            + "accepts " + (target.aliasAttributes().isEmpty() ? "no alias" : String.join(", ", target.aliasAttributes())) + ".",
                    null, "Alias attributes are set when a pool is created: build the target with them, or tell users."));
        }
        if (!target.usernameCaseSensitive() && counts.keyCollisions() > 0) {
            findings.add(new Finding("username-case-collisions", Severity.BLOCKER,
                    "Users whose sign-in keys differ only in case",
                    "The target treats usernames case-insensitively (UsernameConfiguration.CaseSensitive=false), so users "
                            + "whose " + key(target) + " differ only in case become one user there.",
                    counts.keyCollisions(), "Make those keys unique in the source before the cutover."));
        } else if (!source.usernameCaseSensitive() && target.usernameCaseSensitive()) {
            findings.add(new Finding("username-case-sensitivity", Severity.WARNING,
                    "The target's usernames are case sensitive; the source's are not",
                    "A user who types their " + key(target) + " in another case than it was stored in can't sign in to the target.",
                    counts.replicable(), "Case sensitivity is set when a pool is created: create the target with "
                            + "UsernameConfiguration.CaseSensitive=false."));
        }
    }

    private static String signIn(PoolDescription pool) {
        String by = pool.usernameAttributes().isEmpty() ? "username" : String.join(" or ", pool.usernameAttributes());
        return pool.aliasAttributes().isEmpty() ? by : by + " (aliases " + String.join(", ", pool.aliasAttributes()) + ")";
    }

    private static String key(PoolDescription target) {
        return target.usernameAttributes().isEmpty() ? "usernames" : target.usernameAttributes().get(0) + " addresses";
    }

    private static void attributes(PreflightInput input, List<Finding> findings) {
        AttributeMapping mapping = input.settings().mapping();
        SchemaComparison schema = SchemaComparison.compare(input.source(), input.target(), mapping);
        boolean adding = input.settings().addMissing();
        for (AttributeDefinition missing : schema.missing()) {
            boolean sourceSub = missing.name().equals(mapping.sourceSubAttribute());
            Severity severity = adding ? Severity.INFO : sourceSub ? Severity.WARNING : Severity.BLOCKER;
            String detail = sourceSub
                    ? "Without it poolsync can't record each user's source sub: it can't follow a user whose email or "
                            + "username changes, nor tell the users it created from the target's own."
                    : "The mapping writes " + missing.name() + ", which the target lacks; start-up fails until it is there.";
            findings.add(new Finding("attribute-missing:" + missing.name(), severity,
                    (adding ? "Will add " : "Target lacks ") + missing.name() + " (" + missing.describe() + ")", detail,
                    sourceSub ? null : input.counts().replicable(),
                    adding ? "poolsync.schema.add-missing=true adds it at start-up, before the first run."
                            : "Set poolsync.schema.add-missing=true to add it at start-up, add it to the target yourself, "
                                    + "or rename or exclude it (poolsync.mapping)."));
        }
        for (String conflict : schema.typeConflicts()) {
            String name = conflict.substring(0, conflict.indexOf(": "));
            findings.add(new Finding("attribute-type-conflict:" + name, Severity.BLOCKER, "Attribute type differs: " + name,
                    conflict + ". Cognito can't change an attribute's type, and refuses values of the other type.",
                    input.counts().replicable(), "Write it to another target attribute (poolsync.mapping.renames) or exclude it."));
        }
        for (SchemaComparison.Pair pair : schema.narrower()) {
            findings.add(new Finding("attribute-constraints:" + pair.target().name(), Severity.WARNING,
                    "Narrower constraints in the target: " + pair.target().name(),
                    "Source: " + pair.source().describe() + "; target: " + pair.target().describe()
                            + ". Values outside the target's constraints are refused, and those users fail.",
                    null, "Check the source's values against the target's constraints; constraints can't be changed later."));
        }
        for (String name : schema.immutable()) {
            findings.add(new Finding("attribute-immutable:" + name, Severity.WARNING, "Immutable in the target: " + name,
                    "The source can change " + name + "; the target lets poolsync write it only when it creates a user, "
                            + "so later changes don't reach the target.",
                    null, "List it in poolsync.mapping.create-only to accept that, or exclude it."));
        }
        input.counts().lackingRequired().forEach((name, lacking) -> {
            if (lacking > 0) {
                findings.add(new Finding("required-attribute:" + name, Severity.BLOCKER, "Required in the target: " + name,
                        "The target requires " + name + " (SchemaAttributes Required); users without it can't be created.",
                        lacking, "Give those users a value in the source, or move them to a target that doesn't require it."));
            }
        });
    }

    private static void verification(PreflightInput input, List<Finding> findings) {
        PoolDescription source = input.source();
        PoolDescription target = input.target();
        Set<String> notVerified = new TreeSet<>(source.autoVerifiedAttributes());
        notVerified.removeAll(target.autoVerifiedAttributes());
        if (target.autoVerifiedAttributes().isEmpty() || !notVerified.isEmpty()) {
            // Worse than the source only when the target verifies less than it did.
            findings.add(new Finding("auto-verified-attributes", notVerified.isEmpty() ? Severity.INFO : Severity.WARNING,
                    "The target verifies " + (target.autoVerifiedAttributes().isEmpty() ? "no address"
                            : String.join(", ", target.autoVerifiedAttributes())) + "; the source "
                            + (source.autoVerifiedAttributes().isEmpty() ? "none" : String.join(", ", source.autoVerifiedAttributes())),
                    "AutoVerifiedAttributes decides which addresses Cognito sends codes to. Users who sign up or change "
                            + "their address in the target get no code to verify it, and Forgot Password needs a verified address.",
                    null, "Set AutoVerifiedAttributes on the target (UpdateUserPool) to what the source verifies."));
        }
        int unverified = input.counts().withoutVerifiedAddress();
        if (unverified > 0) {
            boolean resetsPassword = input.settings().passwordMode() == PasswordMode.CONFIRMED || input.settings().importJobs();
            findings.add(new Finding("no-verified-address", Severity.WARNING,
                    "Users without a verified email or phone number",
                    "They can't receive a Forgot Password code" + (resetsPassword
                            ? ", and the confirmed and import-job strategies leave Forgot Password as their only way in."
                            : "."),
                    unverified, "Verify their addresses in the source first, force the flags (poolsync.mapping.email-verified=true) "
                            + "if the addresses are known good, or invite them (poolsync.password.mode=invite)."));
        }
    }

    private static void mfa(PreflightInput input, List<Finding> findings) {
        String source = input.source().mfaConfiguration();
        String target = input.target().mfaConfiguration();
        int users = input.counts().replicable();
        if (target.equals("ON")) {
            findings.add(new Finding("mfa-required", Severity.WARNING, "MFA is required in the target",
                    "With MfaConfiguration=ON every user must set up a factor at their next sign-in; MFA settings and TOTP "
                            + "secrets can't be read from the source, so nobody arrives enrolled.",
                    users, "Tell users, or use OPTIONAL until they have enrolled."));
        } else if (!source.equals("OFF") && target.equals("OFF")) {
            findings.add(new Finding("mfa-dropped", Severity.WARNING, "MFA is dropped",
                    "The source has MfaConfiguration=" + source + "; the target has MFA off, so users who used a second "
                            + "factor sign in with their password alone.",
                    null, "Turn MFA on in the target (SetUserPoolMfaConfig) if the source's users rely on it."));
        } else if (!source.equals("OFF")) {
            findings.add(new Finding("mfa-reenrol", Severity.INFO, "Users enrol in MFA again",
                    "Both pools use MFA; MFA settings and TOTP secrets can't be read from the source, so users who used a "
                            + "second factor set it up again in the target.",
                    null, "Tell users."));
        }
        if (input.sourceFactors().isPresent() && input.targetFactors().isPresent() && !source.equals("OFF")) {
            Set<String> lacking = new TreeSet<>(input.sourceFactors().get());
            lacking.removeAll(input.targetFactors().get());
            lacking.forEach(factor -> findings.add(new Finding("mfa-factor-missing:" + factor, Severity.WARNING,
                    "The target doesn't offer " + factor + " MFA",
                    "The source offers " + factor + " as a second factor (GetUserPoolMfaConfig); the target doesn't, so "
                            + "users who chose it must choose another.",
                    null, "Enable " + factor + " in the target (SetUserPoolMfaConfig).")));
        }
    }

    private static void statusesAndProviders(PreflightInput input, List<Finding> findings) {
        SourceCounts counts = input.counts();
        findings.add(new Finding("source-users", Severity.INFO,
                counts.users() + " source users, " + counts.replicable() + " to move",
                "By status: " + counts.byStatus() + ".", counts.users(), "None needed."));
        Map<String, Integer> left = counts.byStatus().entrySet().stream()
                .filter(entry -> !input.settings().statuses().contains(entry.getKey())
                        && !entry.getKey().equals(UserStatus.EXTERNAL_PROVIDER))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        int leftOut = left.values().stream().mapToInt(Integer::intValue).sum();
        if (leftOut > 0) {
            findings.add(new Finding("statuses-not-replicated", Severity.INFO, "Users in statuses poolsync leaves behind",
                    "Not in poolsync.statuses: " + left + ".", leftOut,
                    "Add a status to poolsync.statuses to move its users."));
        }
        counts.federatedByProvider().forEach((provider, users) -> {
            Optional<List<String>> providers = input.targetProviders();
            if (providers.isEmpty()) {
                findings.add(new Finding("identity-provider-unknown:" + provider, Severity.WARNING,
                        "Federated users of " + provider + "; the target's providers are unknown",
                        "Federated users can't be created through the API; they are created at their first sign-in "
                                + "through " + provider + ", which must be set up in the target.",
                        users, "Check that the target has the identity provider " + provider + "."));
            } else if (!providers.get().contains(provider)) {
                findings.add(new Finding("identity-provider-missing:" + provider, Severity.BLOCKER,
                        "The target lacks the identity provider " + provider,
                        "Federated users sign in through " + provider + " and are created in the target at their first "
                                + "sign-in; without the provider there they can't sign in at all.",
                        users, "Create the identity provider " + provider + " in the target (CreateIdentityProvider), with "
                                + "the same name and attribute mapping as in the source."));
            } else {
                findings.add(new Finding("identity-provider:" + provider, Severity.INFO,
                        "Federated users of " + provider + " sign in through it",
                        "The target has " + provider + "; its users are created there at their first sign-in.",
                        users, "None needed."));
            }
        });
    }

    private static void updateOnly(PreflightInput input, List<Finding> findings) {
        PoolDescription target = input.target();
        if (input.settings().policy() != SyncPolicy.UPDATE_ONLY) {
            return;
        }
        if (target.migrationTrigger().isEmpty()) {
            findings.add(new Finding("migrate-user-trigger-missing", Severity.BLOCKER,
                    "No Migrate User trigger on the target",
                    "poolsync.policy=update-only creates nobody: users are to be created by the Migrate User trigger at "
                            + "their first sign-in, and the target has none (LambdaConfig.UserMigration).",
                    input.counts().replicable(), "Attach the trigger (see Keeping passwords: the Migrate User trigger)."));
        }
        Optional<List<AppClient>> clients = input.targetClients();
        if (clients.isPresent()) {
            List<String> sendingPassword = clients.get().stream()
                    .filter(client -> client.explicitAuthFlows().stream().anyMatch(PASSWORD_FLOWS::contains))
                    .map(client -> client.name() + " (" + client.clientId() + ")").toList();
            if (sendingPassword.isEmpty()) {
                findings.add(new Finding("password-flow-missing", Severity.BLOCKER,
                        "No target app client sends the password",
                        "The Migrate User trigger can check a password only when the sign-in sends it: USER_PASSWORD_AUTH "
                                + "or ADMIN_USER_PASSWORD_AUTH (or managed login). With SRP only, every user falls back "
                                + "to Forgot Password. App clients: " + clients.get().stream().map(AppClient::name).toList() + ".",
                        input.counts().replicable(),
                        "Allow ALLOW_USER_PASSWORD_AUTH or ALLOW_ADMIN_USER_PASSWORD_AUTH on the apps' target client."));
            } else {
                findings.add(new Finding("password-flow", Severity.INFO, "App clients that send the password",
                        String.join(", ", sendingPassword) + ".", null, "None needed."));
            }
        }
    }

    private static void invitations(PreflightInput input, List<Finding> findings) {
        if (input.settings().passwordMode() != PasswordMode.INVITE) {
            return;
        }
        PoolDescription target = input.target();
        if (input.settings().inviteMediums().contains("EMAIL") && target.emailSendingAccount().equals("COGNITO_DEFAULT")) {
            int invitations = input.counts().withEmail();
            findings.add(new Finding("invite-email-sender",
                    invitations > DEFAULT_SENDER_EMAILS_PER_DAY ? Severity.BLOCKER : Severity.WARNING,
                    "The target sends email with Cognito's default sender",
                    "EmailSendingAccount=COGNITO_DEFAULT sends at most " + DEFAULT_SENDER_EMAILS_PER_DAY + " emails a day; "
                            + invitations + " users would get an email invitation.",
                    invitations, "Configure Amazon SES on the target (EmailConfiguration, EmailSendingAccount=DEVELOPER)."));
        }
        if (input.settings().inviteMediums().contains("SMS") && !target.smsConfigured()) {
            findings.add(new Finding("invite-sms-not-configured", Severity.BLOCKER, "The target can't send SMS",
                    "Invitations by SMS need SmsConfiguration (an SNS caller role) on the target; it has none.",
                    input.counts().withPhone(), "Configure SMS on the target (SmsConfiguration.SnsCallerArn)."));
        }
    }

    /**
     * "GetUserPoolMfaConfig": email MFA needs the Essentials plan or higher. A LITE target also lacks the Essentials
     * and Plus features a source on those plans may use ("User pool feature plans").
     */
    private static void featurePlans(PreflightInput input, List<Finding> findings) {
        String source = input.source().tier();
        String target = input.target().tier();
        boolean emailMfa = input.targetFactors().map(factors -> factors.contains("EMAIL")).orElse(false)
                || input.sourceFactors().map(factors -> factors.contains("EMAIL")).orElse(false);
        if (target.equals("LITE") && emailMfa) {
            findings.add(new Finding("feature-plan:email-mfa", Severity.WARNING, "Email MFA needs Essentials or Plus",
                    "The target is on the Lite plan, and email MFA needs Essentials or Plus.", null,
                    "Move the target to Essentials (UpdateUserPool UserPoolTier), or use another factor."));
        }
        if (rank(source) >= 0 && rank(target) >= 0 && rank(target) < rank(source)) {
            findings.add(new Finding("feature-plan", Severity.WARNING, "The target's plan is below the source's",
                    "Source: " + source + "; target: " + target + ". Features of the source's plan that the target's "
                            + "lacks stop working after the cutover.",
                    null, "Move the target to " + source + " (UpdateUserPool UserPoolTier)."));
        } else {
            findings.add(new Finding("feature-plan", Severity.INFO, "Feature plans: source " + source + ", target " + target,
                    "The target's plan offers at least what the source's does.", null, "None needed."));
        }
    }

    /** LITE < ESSENTIALS < PLUS; a pool that reports no plan is not compared. */
    private static int rank(String tier) {
        return switch (tier) {
            case "LITE" -> 0;
            case "ESSENTIALS" -> 1;
            case "PLUS" -> 2;
            default -> -1;
        };
    }
}
