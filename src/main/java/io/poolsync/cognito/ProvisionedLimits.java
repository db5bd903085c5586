package io.poolsync.cognito;

import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

import org.jboss.logging.Logger;

import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CognitoIdentityProviderException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.LimitClass;
import software.amazon.awssdk.services.cognitoidentityprovider.model.TooManyRequestsException;

/**
 * Reads the limits Cognito enforces on the account's adjustable categories with GetProvisionedLimit (API reference:
 * GetProvisionedLimit, LimitDefinitionType, LimitType; IAM action cognito-idp:GetProvisionedLimit; LimitManagement,
 * 1 RPS). Where the call can't be made (access denied, another account's pool, an endpoint such as cognito-local
 * that doesn't know it), Cognito's defaults stand, said in one log line.
 */
final class ProvisionedLimits {

    private static final Logger LOG = Logger.getLogger(ProvisionedLimits.class);

    private static final int THROTTLED_ATTEMPTS = 3;

    private ProvisionedLimits() {
    }

    /**
     * @param client     a client for the budget's account that doesn't retry: an endpoint that doesn't know the call
     *                   may answer 5xx, and start-up shouldn't wait out a backoff for it
     * @param categories the adjustable categories to ask about
     * @return the provisioned limit of each category asked about, or empty when none could be read
     */
    static Map<QuotaCategory, QuotaLimit> read(CognitoIdentityProviderClient client, Set<QuotaCategory> categories,
            String budget) {
        Map<QuotaCategory, QuotaLimit> limits = new EnumMap<>(QuotaCategory.class);
        for (QuotaCategory category : categories) {
            try {
                Integer provisioned = ask(client, category);
                if (provisioned != null && provisioned > 0) {
                    limits.put(category, new QuotaLimit(provisioned, QuotaLimit.Source.PROVISIONED));
                }
            } catch (SdkException e) {
                LOG.infof("%s budget: GetProvisionedLimit failed (%s), so Cognito's default quotas stand for %s; set "
                        + "poolsync.rate-limits.<category> where the account's limits were raised", budget, reason(e),
                        categories.stream().filter(c -> !limits.containsKey(c)).map(QuotaCategory::setting).toList());
                return limits;
            }
        }
        return limits;
    }

    /**
     * LimitManagement allows 1 call a second, and a first call that sets up its connection can arrive late enough to
     * share a second with the next: a throttle is asked again, after the gate's wait.
     */
    private static Integer ask(CognitoIdentityProviderClient client, QuotaCategory category) {
        for (int attempt = 1; ; attempt++) {
            try {
                return client.getProvisionedLimit(request -> request.limitDefinition(definition -> definition
                        .limitClass(LimitClass.API_CATEGORY).attributes(Map.of("Category", category.cognitoName()))))
                        .limit().provisionedLimitValue();
            } catch (TooManyRequestsException e) {
                if (attempt == THROTTLED_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    private static String reason(SdkException e) {
        if (e instanceof CognitoIdentityProviderException cognito && cognito.awsErrorDetails() != null) {
            AwsErrorDetails details = cognito.awsErrorDetails();
            return details.errorCode() + ": " + details.errorMessage();
        }
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }
}
