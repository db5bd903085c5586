package io.poolsync.preflight;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

import io.poolsync.config.PasswordMode;
import io.poolsync.config.SyncPolicy;
import io.poolsync.model.PoolDescription;
import io.poolsync.model.PoolDescription.AttributeDefinition;

/** Pool descriptions, counts and settings for the pure tests, each a plain pool unless told otherwise. */
final class Descriptions {

    private Descriptions() {
    }

    static final class Pool {
        List<String> usernameAttributes = List.of();
        List<String> aliasAttributes = List.of();
        boolean caseSensitive = true;
        Map<String, AttributeDefinition> attributes = new LinkedHashMap<>();
        List<String> autoVerified = List.of("email");
        String mfa = "OFF";
        Optional<String> trigger = Optional.empty();
        String sender = "COGNITO_DEFAULT";
        boolean sms = false;
        String tier = "ESSENTIALS";
        final String id;

        Pool(String id) {
            this.id = id;
            attribute(string("sub", false));
            attribute(string("email", true));
            attribute(new AttributeDefinition("email_verified", "Boolean", true, false, null, null, null, null));
            attribute(string("phone_number", true));
        }

        Pool attribute(AttributeDefinition attribute) {
            attributes.put(attribute.name(), attribute);
            return this;
        }

        PoolDescription build() {
            return new PoolDescription(id, usernameAttributes, aliasAttributes, caseSensitive, attributes, autoVerified, mfa,
                    trigger, sender, sms, tier, OptionalLong.empty());
        }
    }

    static Pool pool(String id) {
        return new Pool(id);
    }

    static AttributeDefinition string(String name, boolean mutable) {
        return new AttributeDefinition(name, "String", mutable, false, null, null, null, null);
    }

    static AttributeDefinition number(String name, String min, String max) {
        return new AttributeDefinition(name, "Number", true, false, null, null, min, max);
    }

    /** Counts of a source of {@code users} replicable, confirmed users, none with a problem. */
    static final class Counts {
        int users = 10;
        Map<String, Integer> byStatus = new LinkedHashMap<>(Map.of("CONFIRMED", 10));
        int replicable = 10;
        int disabled = 0;
        int keyCollisions = 0;
        int withoutSignInAttribute = 0;
        Map<String, Integer> lackingRequired = new LinkedHashMap<>();
        int withoutVerifiedAddress = 0;
        int withEmail = 10;
        int withPhone = 0;
        Map<String, Integer> federated = new LinkedHashMap<>();

        SourceCounts build() {
            return new SourceCounts(users, byStatus, replicable, disabled, keyCollisions, withoutSignInAttribute,
                    lackingRequired, withoutVerifiedAddress, withEmail, withPhone, federated);
        }
    }

    static final class Settings {
        SyncPolicy policy = SyncPolicy.UPSERT;
        PasswordMode mode = PasswordMode.CONFIRMED;
        List<String> mediums = List.of("EMAIL");
        boolean importJobs = false;
        boolean addMissing = false;
        Set<String> excluded = Set.of("identities");
        Map<String, String> renames = Map.of();

        CutoverSettings build() {
            return new CutoverSettings(policy, mode, mediums, importJobs, addMissing,
                    new AttributeMapping(excluded, renames, "custom:source_sub"),
                    Set.of("CONFIRMED", "FORCE_CHANGE_PASSWORD", "RESET_REQUIRED"));
        }
    }

    /** Everything the analyser reads; the optional reads present and empty. */
    static final class Input {
        Pool source = pool("eu-west-1_source");
        Pool target = pool("eu-west-1_target").attribute(string("custom:source_sub", false));
        Optional<Set<String>> sourceFactors = Optional.of(Set.of());
        Optional<Set<String>> targetFactors = Optional.of(Set.of());
        Optional<List<PoolDescription.AppClient>> clients = Optional.of(List.of());
        Optional<List<String>> providers = Optional.of(List.of());
        Counts counts = new Counts();
        Settings settings = new Settings();
        List<PreflightInput.Unreadable> unreadable = new ArrayList<>();

        PreflightInput build() {
            return new PreflightInput(source.build(), target.build(), sourceFactors, targetFactors, clients, providers,
                    counts.build(), settings.build(), unreadable);
        }
    }
}
