package io.poolsync.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InternalErrorException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.MessageActionType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserStatusType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UsernameExistsException;

/** Injected latency, HTTP 500s and dropped connections. Seeded, so each sequential test is repeatable. */
class FakeCognitoFaultsTest {

    @Test
    void everyCallFaultedIsAnInternalErrorException() {
        try (FakeCognito fake = FakeCognito.builder().quotas(Quotas.unlimited()).faultRate(1.0).start();
             CognitoIdentityProviderClient client = fake.clientWithoutRetries()) {
            String pool = client.createUserPool(r -> r.poolName("faulty")).userPool().id(); // exempt, for set-up

            assertThatThrownBy(() -> client.describeUserPool(r -> r.userPoolId(pool)))
                    .isInstanceOfSatisfying(InternalErrorException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(500);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InternalErrorException");
                    });
            assertThat(fake.stats().faults()).isEqualTo(1);
            assertThat(fake.stats().faults("DescribeUserPool")).isEqualTo(1);
        }
    }

    @Test
    void theDefaultClientRetriesFaultsAndDropsThrough() {
        try (FakeCognito fake = FakeCognito.builder().quotas(Quotas.unlimited()).randomSeed(42).start()) {
            String pool = fake.seedPool("flaky");
            fake.seedUser(pool, "u", Map.of(), true, UserStatusType.CONFIRMED);
            fake.faultRate(0.2);
            fake.dropRate(0.1);

            for (int i = 0; i < 40; i++) {
                assertThat(fake.client().adminGetUser(r -> r.userPoolId(pool).username("u")).username()).isEqualTo("u");
            }

            assertThat(fake.stats().faults()).isPositive();
            assertThat(fake.stats().drops()).isPositive();
            assertThat(fake.stats().calls("AdminGetUser")).isEqualTo(40 + fake.stats().faults() + fake.stats().drops());
        }
    }

    @Test
    void aDroppedConnectionIsAClientErrorAndTheCallIsNotApplied() {
        try (FakeCognito fake = FakeCognito.builder().quotas(Quotas.unlimited()).dropRate(1.0).start();
             CognitoIdentityProviderClient client = fake.clientWithoutRetries()) {
            String pool = fake.seedPool("drops");

            assertThatThrownBy(() -> client.adminCreateUser(r -> r.userPoolId(pool).username("lost")
                    .messageAction(MessageActionType.SUPPRESS)))
                    .isInstanceOf(SdkClientException.class);

            assertThat(fake.user(pool, "lost")).isEmpty();
            assertThat(fake.stats().drops("AdminCreateUser")).isEqualTo(1);
        }
    }

    @Test
    void aResponseLostAfterTheCallWasAppliedMakesTheRetrySeeTheEffect() {
        try (FakeCognito fake = FakeCognito.builder().quotas(Quotas.unlimited()).dropAfterApplyRate(1.0).start();
             CognitoIdentityProviderClient client = fake.clientWithoutRetries()) {
            String pool = fake.seedPool("lost-answers");

            assertThatThrownBy(() -> client.adminCreateUser(r -> r.userPoolId(pool).username("applied")
                    .messageAction(MessageActionType.SUPPRESS)))
                    .isInstanceOf(SdkClientException.class);
            assertThat(fake.user(pool, "applied")).isPresent();

            fake.dropAfterApplyRate(0);
            assertThatThrownBy(() -> client.adminCreateUser(r -> r.userPoolId(pool).username("applied")
                    .messageAction(MessageActionType.SUPPRESS)))
                    .isInstanceOf(UsernameExistsException.class);
        }
    }

    @Test
    void latencyDelaysEveryAnswer() {
        try (FakeCognito fake = FakeCognito.builder().quotas(Quotas.unlimited()).latency(Duration.ofMillis(150)).start();
             CognitoIdentityProviderClient client = fake.clientWithoutRetries()) {
            String pool = fake.seedPool("slow");

            long started = System.nanoTime();
            client.listUsers(r -> r.userPoolId(pool));
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(150));
            fake.latency(Duration.ZERO);
        }
    }

    @Test
    void ratesAreValidated() {
        assertThatThrownBy(() -> FakeCognito.builder().faultRate(1.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Quotas.unlimited().withRate(QuotaCategory.USER_LIST, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
