package io.poolsync.testing;

import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;

/**
 * Gives the annotated {@code @QuarkusTest} class pools of its own: {@link PoolsResource} starts a Cognito emulator,
 * creates the pools with {@link #seed} and points poolsync at them with scheduling off, so each test decides when a run
 * happens. Restricted to the class, so the application restarts for it and no two classes share pools. The test gets
 * it all from a {@link Backend} field marked {@link InjectBackend}.
 */
@WithTestResource(value = PoolsResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
@Retention(RUNTIME)
@Target(TYPE)
public @interface WithPools {

    /** Integration tests run on cognito-local; the fake only where cognito-local can't. */
    Cognito cognito() default Cognito.LOCAL;

    /** Creates the pools before poolsync starts; the test gets what it returns from {@link Backend#pools()}. */
    Class<? extends PoolSeed<?>> seed() default EmptyPools.class;

    /**
     * Event mode's parts (the fake only): ElasticMQ with the event queue, onto which the fake puts the CloudTrail event
     * of every user write it takes, as the EventBridge rule of {@code deploy/} would; arg {@code max-receives}
     * (default 3) is the queue's maxReceiveCount.
     */
    boolean events() default false;

    /**
     * The seed's args, {@code max-receives}, and {@code poolsync.*} settings, which override any the resource puts; and
     * Quarkus' runtime {@code quarkus.*} settings, which, unlike a test profile's, need no new build of the application.
     */
    ResourceArg[] args() default {};

    enum Cognito {
        /** cognito-local, the third-party emulator. */
        LOCAL,
        /** The quota-faithful fake ({@code io.poolsync.fake}), unthrottled and without faults until a test sets them. */
        FAKE
    }
}
