package io.poolsync.testing;

import java.net.URI;

import io.poolsync.fake.FakeCognito;
import io.poolsync.fake.Quotas;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;

/** The Cognito emulator a {@link WithPools} test runs on: cognito-local or the quota-faithful fake. */
public final class Emulator implements AutoCloseable {

    private final CognitoLocal cognitoLocal;
    private final FakeCognito fake;
    private final CognitoIdentityProviderClient client;

    private Emulator(CognitoLocal cognitoLocal, FakeCognito fake, CognitoIdentityProviderClient client) {
        this.cognitoLocal = cognitoLocal;
        this.fake = fake;
        this.client = client;
    }

    static Emulator start(WithPools.Cognito cognito) {
        if (cognito == WithPools.Cognito.LOCAL) {
            CognitoLocal local = CognitoLocal.shared();
            return new Emulator(local, null, local.client());
        }
        // Unthrottled, so poolsync's start-up reads are clean; latency holds a server thread per call in flight, so
        // there is room for every writer and scanner of both pools.
        FakeCognito fake = FakeCognito.builder().quotas(Quotas.unlimited()).threads(96).start();
        return new Emulator(null, fake, fake.client());
    }

    boolean isFake() {
        return fake != null;
    }

    URI endpoint() {
        return isFake() ? fake.endpoint() : cognitoLocal.endpoint();
    }

    /** An SDK client on the emulator, for seeding and checking through the API as any Cognito client would. */
    public CognitoIdentityProviderClient client() {
        return client;
    }

    public FakeCognito fake() {
        if (!isFake()) {
            throw new IllegalStateException("this test runs on cognito-local: @WithPools(cognito = FAKE) for the fake");
        }
        return fake;
    }

    public CognitoLocal cognitoLocal() {
        if (isFake()) {
            throw new IllegalStateException("this test runs on the fake, not cognito-local");
        }
        return cognitoLocal;
    }

    @Override
    public void close() {
        if (isFake()) {
            fake.close();
        } else {
            client.close(); // the test JVM's cognito-local stays up for the next class
        }
    }
}
