package io.poolsync.contract;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import io.poolsync.fake.FakeCognito;
import io.poolsync.fake.QuotaCategory;
import io.poolsync.fake.Quotas;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;

/**
 * The contract against {@link FakeCognito}. The fake has every behaviour of the contract, so no gaps. Only
 * DescribeUserPool keeps its Cognito quota (15 per second, which the throttling test needs); the other categories are
 * unlimited so the suite's set-up isn't slowed by quotas the fake's own tests cover.
 */
class FakeCognitoContractTest extends CognitoContract {

    private static FakeCognito fake;

    @BeforeAll
    static void startFake() {
        fake = FakeCognito.builder()
                .quotas(Quotas.unlimited().withRate(QuotaCategory.USER_POOL_READ, QuotaCategory.USER_POOL_READ.defaultRps()))
                .start();
    }

    @AfterAll
    static void stopFake() {
        fake.close();
    }

    @Override
    protected CognitoIdentityProviderClient client() {
        return fake.client();
    }

    @Override
    protected CognitoIdentityProviderClient clientWithoutRetries() {
        return fake.clientWithoutRetries();
    }
}
