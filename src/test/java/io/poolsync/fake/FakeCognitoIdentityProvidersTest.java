package io.poolsync.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import software.amazon.awssdk.services.cognitoidentityprovider.model.DuplicateProviderException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.IdentityProviderTypeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidParameterException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ListIdentityProvidersResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ProviderDescription;

/** The identity provider operations the fake adds for the pre-flight, as "ListIdentityProviders" describes them. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FakeCognitoIdentityProvidersTest {

    /** One fake for the class (PER_CLASS: one instance), closed after its last test. */
    @AutoClose
    final FakeCognito fake = FakeCognito.start();

    @Test
    void providersAreListedAPageAtATimeAndANameIsTakenOnce() {
        String pool = fake.seedPool("providers");
        for (int i = 0; i < 5; i++) {
            int n = i;
            fake.client().createIdentityProvider(r -> r.userPoolId(pool).providerName("Corp" + n)
                    .providerType(IdentityProviderTypeType.SAML).providerDetails(Map.of("MetadataURL", "https://idp/" + n)));
        }

        List<String> names = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            String pageToken = token;
            ListIdentityProvidersResponse page = fake.client().listIdentityProviders(
                    r -> r.userPoolId(pool).maxResults(2).nextToken(pageToken));
            assertThat(page.providers()).hasSizeLessThanOrEqualTo(2);
            page.providers().stream().map(ProviderDescription::providerName).forEach(names::add);
            token = page.nextToken();
            pages++;
        } while (token != null);

        assertThat(names).containsExactly("Corp0", "Corp1", "Corp2", "Corp3", "Corp4");
        assertThat(pages).isEqualTo(3);
        assertThatThrownBy(() -> fake.client().createIdentityProvider(r -> r.userPoolId(pool).providerName("Corp0")
                .providerType(IdentityProviderTypeType.SAML).providerDetails(Map.of("MetadataURL", "https://idp/0"))))
                .isInstanceOf(DuplicateProviderException.class);
        assertThatThrownBy(() -> fake.client().listIdentityProviders(r -> r.userPoolId(pool).maxResults(61)))
                .isInstanceOf(InvalidParameterException.class);
    }
}
