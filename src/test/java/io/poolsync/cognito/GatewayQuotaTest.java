package io.poolsync.cognito;

import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.poolsync.fake.FakeCognito;
import io.poolsync.fake.Quotas;
import io.poolsync.model.ImportJob;
import io.poolsync.model.MfaSettings;
import io.poolsync.model.PoolDescription.AttributeDefinition;
import io.poolsync.model.PoolGroup;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserStatusType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every gateway method, driven against the fake through the SDK client poolsync builds: each Cognito call it makes is
 * gated by the limiter and metered in the catalogue's category for it, and nothing else is.
 */
class GatewayQuotaTest {

    private static FakeCognito fake;
    private static QuotaLimiter limiter;
    private static CognitoIdentityProviderClient client;
    private static PoolGateway gateway;
    private static String pool;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() {
        fake = FakeCognito.builder().quotas(Quotas.unlimited()).randomSeed(11).start();
        limiter = new QuotaLimiter(Map.of());
        client = fake.clientBuilder().overrideConfiguration(o -> o.addExecutionInterceptor(new QuotaInterceptor(limiter)))
                .build();
        pool = fake.seedPool("gated", "source_sub");
        fake.seedUser(pool, "alice", Map.of("email", "alice@example.com"), true, UserStatusType.CONFIRMED);
        fake.seedGroup(pool, "staff", "Staff", 1);
        fake.seedMembership(pool, "staff", "alice");
        fake.seedAppClient(pool, "web", List.of("ALLOW_USER_SRP_AUTH"));
        fake.seedIdentityProvider(pool, "Google", "Google");
        gateway = new PoolGateway(client, pool, new UserTypeMapperImpl(), 1);
    }

    @AfterAll
    static void stop() {
        client.close();
        fake.close();
    }

    /** One gateway method and the operations it must have spent, once each unless said otherwise. */
    private record Drive(String method, Runnable call, List<CognitoOperation> spends) {
    }

    private List<Drive> drives() {
        ImportJob[] job = new ImportJob[1];
        return List.of(
                new Drive("describe", gateway::describe, List.of(CognitoOperation.DESCRIBE_USER_POOL)),
                new Drive("estimatedUsers", gateway::estimatedUsers, List.of(CognitoOperation.DESCRIBE_USER_POOL)),
                new Drive("forEachUser", () -> gateway.forEachUser(Optional.empty(), user -> { }),
                        List.of(CognitoOperation.LIST_USERS)),
                new Drive("groups", gateway::groups, List.of(CognitoOperation.LIST_GROUPS)),
                new Drive("forEachMember", () -> gateway.forEachMember("staff", member -> { }),
                        List.of(CognitoOperation.LIST_USERS_IN_GROUP)),
                new Drive("findUser", () -> gateway.findUser("alice"), List.of(CognitoOperation.ADMIN_GET_USER)),
                new Drive("groupsOf", () -> gateway.groupsOf("alice"),
                        List.of(CognitoOperation.ADMIN_LIST_GROUPS_FOR_USER)),
                new Drive("describePool", gateway::describePool, List.of(CognitoOperation.DESCRIBE_USER_POOL)),
                new Drive("appClients", gateway::appClients,
                        List.of(CognitoOperation.LIST_USER_POOL_CLIENTS, CognitoOperation.DESCRIBE_USER_POOL_CLIENT)),
                new Drive("addCustomAttributes", () -> gateway.addCustomAttributes(List.of(new AttributeDefinition(
                        "custom:tier", "String", true, false, null, null, null, null))),
                        List.of(CognitoOperation.ADD_CUSTOM_ATTRIBUTES)),
                new Drive("identityProviders", gateway::identityProviders,
                        List.of(CognitoOperation.LIST_IDENTITY_PROVIDERS)),
                new Drive("mfaFactors", gateway::mfaFactors, List.of(CognitoOperation.GET_USER_POOL_MFA_CONFIG)),
                new Drive("mfaSettings", () -> gateway.mfaSettings("alice"), List.of(CognitoOperation.ADMIN_GET_USER)),
                new Drive("linkIdentity", () -> gateway.linkIdentity("alice", "Google", "g-1"),
                        List.of(CognitoOperation.ADMIN_LINK_PROVIDER_FOR_USER)),
                new Drive("setMfaPreference", () -> gateway.setMfaPreference("alice",
                        new MfaSettings(Set.of(), Optional.empty())),
                        List.of(CognitoOperation.ADMIN_SET_USER_MFA_PREFERENCE)),
                new Drive("createUser", () -> gateway.createUser("bob", Map.of("email", "bob@example.com"), List.of()),
                        List.of(CognitoOperation.ADMIN_CREATE_USER)),
                new Drive("setPermanentPassword", () -> gateway.setPermanentPassword("bob", "Passw0rd!Passw0rd"),
                        List.of(CognitoOperation.ADMIN_SET_USER_PASSWORD)),
                new Drive("updateAttributes", () -> gateway.updateAttributes("bob", Map.of("email", "b@example.com")),
                        List.of(CognitoOperation.ADMIN_UPDATE_USER_ATTRIBUTES)),
                new Drive("setEnabled", () -> gateway.setEnabled("bob", false), List.of(CognitoOperation.ADMIN_DISABLE_USER)),
                new Drive("setEnabled", () -> gateway.setEnabled("bob", true), List.of(CognitoOperation.ADMIN_ENABLE_USER)),
                new Drive("createGroup", () -> gateway.createGroup(new PoolGroup("ops", "Ops", 2, null)),
                        List.of(CognitoOperation.CREATE_GROUP)),
                new Drive("updateGroup", () -> gateway.updateGroup(new PoolGroup("ops", "Operations", 3, null)),
                        List.of(CognitoOperation.UPDATE_GROUP)),
                new Drive("addToGroup", () -> gateway.addToGroup("bob", "ops"),
                        List.of(CognitoOperation.ADMIN_ADD_USER_TO_GROUP)),
                new Drive("removeFromGroup", () -> gateway.removeFromGroup("bob", "ops"),
                        List.of(CognitoOperation.ADMIN_REMOVE_USER_FROM_GROUP)),
                new Drive("deleteAttributes", () -> gateway.deleteAttributes("bob", List.of("email")),
                        List.of(CognitoOperation.ADMIN_DELETE_USER_ATTRIBUTES)),
                new Drive("deleteUser", () -> gateway.deleteUser("bob"), List.of(CognitoOperation.ADMIN_DELETE_USER)),
                new Drive("importTemplate", gateway::importTemplate,
                        List.of(CognitoOperation.GET_CSV_HEADER, CognitoOperation.DESCRIBE_USER_POOL)),
                new Drive("createImportJob", () -> job[0] = gateway.createImportJob("gated",
                        "arn:aws:iam::123456789012:role/CognitoImportLogs"), List.of(CognitoOperation.CREATE_USER_IMPORT_JOB)),
                // The PUT to the pre-signed URL is S3's, not Cognito's API: no quota, no call through the SDK.
                new Drive("upload", () -> gateway.upload(job[0], csv(gateway.importTemplate().columns())),
                        List.of(CognitoOperation.GET_CSV_HEADER, CognitoOperation.DESCRIBE_USER_POOL)),
                new Drive("startImportJob", () -> gateway.startImportJob(job[0].jobId()),
                        List.of(CognitoOperation.START_USER_IMPORT_JOB)),
                new Drive("describeImportJob", () -> gateway.describeImportJob(job[0].jobId()),
                        List.of(CognitoOperation.DESCRIBE_USER_IMPORT_JOB)));
    }

    private Path csv(List<String> columns) {
        try {
            return Files.writeString(tmp.resolve("users.csv"), String.join(",", columns) + "\n");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void every_gateway_call_is_gated_and_metered_in_its_category() {
        Set<CognitoOperation> spent = EnumSet.noneOf(CognitoOperation.class);
        for (Drive drive : drives()) {
            Map<QuotaCategory, Long> gatedBefore = gated();
            Map<String, Long> meteredBefore = limiter.callsByOperation();
            drive.call().run();
            Map<QuotaCategory, Long> expectedGated = new EnumMap<>(QuotaCategory.class);
            Map<String, Long> expectedMetered = new LinkedHashMap<>();
            for (CognitoOperation operation : drive.spends()) {
                expectedGated.merge(operation.category(), 1L, Long::sum);
                expectedMetered.merge(operation.apiName(), 1L, Long::sum);
            }
            assertThat(difference(gatedBefore, gated())).as(drive.method() + ": calls through each category's gate")
                    .isEqualTo(expectedGated);
            assertThat(difference(meteredBefore, limiter.callsByOperation())).as(drive.method() + ": calls metered")
                    .isEqualTo(expectedMetered);
            spent.addAll(drive.spends());
        }
        assertThat(spent).as("the catalogue's operations the gateway calls")
                .isEqualTo(EnumSet.complementOf(EnumSet.of(CognitoOperation.GET_PROVISIONED_LIMIT)));
    }

    @Test
    void the_drives_cover_every_method_of_the_gateway() {
        Set<String> methods = Stream.of(PoolReader.class, PoolWriter.class, PoolImporter.class, PoolInspector.class,
                        SignInReader.class, SignInWriter.class)
                .flatMap(port -> Stream.of(port.getDeclaredMethods())).map(Method::getName)
                .collect(Collectors.toCollection(TreeSet::new));
        methods.add("estimatedUsers");
        Set<String> driven = drives().stream().map(Drive::method).collect(Collectors.toCollection(TreeSet::new));
        assertThat(driven).isEqualTo(methods);
    }

    @Test
    void an_operation_outside_the_catalogue_is_refused_before_it_is_sent() {
        long before = fake.stats().calls("GetGroup");
        assertThatThrownBy(() -> client.getGroup(r -> r.userPoolId(pool).groupName("staff")))
                .isInstanceOf(SdkClientException.class).hasMessageContaining("GetGroup is not in poolsync's catalogue");
        assertThat(fake.stats().calls("GetGroup")).isEqualTo(before);
    }

    @Test
    void a_throttle_is_counted_when_its_answer_arrives_and_the_category_yields() {
        QuotaLimiter generous = new QuotaLimiter(
                Map.of(QuotaCategory.USER_POOL_READ, new QuotaLimit(100, QuotaLimit.Source.CONFIGURED)));
        fake.quotas(Quotas.unlimited().withRate(io.poolsync.fake.QuotaCategory.USER_POOL_READ, 1));
        try (CognitoIdentityProviderClient throttled = fake.clientBuilder()
                .overrideConfiguration(o -> o.addExecutionInterceptor(new QuotaInterceptor(generous))).build()) {
            PoolGateway reader = new PoolGateway(throttled, pool, new UserTypeMapperImpl(), 1);
            reader.describe();
            reader.describe();
            assertThat(generous.throttledCalls(QuotaCategory.USER_POOL_READ)).isPositive()
                    .isEqualTo(fake.stats().throttled(io.poolsync.fake.QuotaCategory.USER_POOL_READ));
            assertThat(generous.rate(QuotaCategory.USER_POOL_READ)).isLessThan(97);
        } finally {
            fake.quotas(Quotas.unlimited());
        }
    }

    private static Map<QuotaCategory, Long> gated() {
        Map<QuotaCategory, Long> calls = new EnumMap<>(QuotaCategory.class);
        for (QuotaCategory category : QuotaCategory.values()) {
            calls.put(category, limiter.calls(category));
        }
        return calls;
    }

    private static <K> Map<K, Long> difference(Map<K, Long> before, Map<K, Long> after) {
        Map<K, Long> difference = new LinkedHashMap<>();
        after.forEach((key, count) -> {
            long delta = count - before.getOrDefault(key, 0L);
            if (delta != 0) {
                difference.put(key, delta);
            }
        });
        return difference;
    }
}
