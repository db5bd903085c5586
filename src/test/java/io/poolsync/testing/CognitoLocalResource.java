package io.poolsync.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts cognito-local for a Quarkus test, creates an empty source and target pool in it, and points poolsync at them
 * with scheduling off, so each test decides when a run happens.
 * Args: {@code targetSignIn=email} makes the target pool sign in by email; {@code sourceSub=false} leaves
 * custom:source_sub out of the target schema; {@code targetCaseSensitive=false} makes its usernames case-insensitive;
 * any {@code poolsync.*} arg overrides that setting.
 */
public class CognitoLocalResource implements QuarkusTestResourceLifecycleManager {

    public static final String API_TOKEN = "test-api-token-7f3a";

    /** Marks a {@link Backend} field to receive the running emulator and its pools. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface InjectBackend {
    }

    /** The running emulator and the two pools poolsync was configured with. */
    public record Backend(CognitoLocal cognito, TestPools pools, String sourcePoolId, String targetPoolId) {
    }

    private final Map<String, String> args = new HashMap<>();
    private CognitoLocal cognito;
    private Backend backend;

    @Override
    public void init(Map<String, String> initArgs) {
        args.putAll(initArgs);
    }

    @Override
    public Map<String, String> start() {
        cognito = CognitoLocal.start();
        TestPools pools = new TestPools(cognito.client());
        String source = pools.createPool("source", false, false);
        String target = pools.createPool("target", "email".equals(args.get("targetSignIn")),
                !"false".equals(args.get("sourceSub")), !"false".equals(args.get("targetCaseSensitive")));
        backend = new Backend(cognito, pools, source, target);
        return ResourceSettings.of(source, target, cognito.endpoint(), Map.of(), args);
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(backend, new TestInjector.AnnotatedAndMatchesType(InjectBackend.class, Backend.class));
    }

    @Override
    public void stop() {
        if (cognito != null) {
            cognito.close();
        }
    }
}
