package io.poolsync.cognito;

import java.util.Optional;

import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.cognitoidentityprovider.model.TooManyRequestsException;

/**
 * Puts every HTTP attempt, the SDK's retries included, through the quota limiter, and counts Cognito's throttling
 * answers. Sits in the SDK so no call can bypass it.
 */
final class QuotaInterceptor implements ExecutionInterceptor {

    /** Set when an attempt was answered 400: if the SDK then retries, the 400 was a throttle (nothing else 400 is retried). */
    // Attribute names are global to the JVM; Quarkus tests load this class once per restart, so the name carries its loader.
    private static final ExecutionAttribute<Boolean> ANSWERED_400 = new ExecutionAttribute<>(
            "poolsync.answered400@" + Integer.toHexString(System.identityHashCode(QuotaInterceptor.class.getClassLoader())));

    private final QuotaLimiter limiter;

    QuotaInterceptor(QuotaLimiter limiter) {
        this.limiter = limiter;
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        Optional<QuotaCategory> category = category(attributes);
        if (Boolean.TRUE.equals(attributes.getAttribute(ANSWERED_400))) {
            attributes.putAttribute(ANSWERED_400, false);
            category.ifPresent(throttled -> limiter.recordThrottle(throttled, operation));
        }
        category.ifPresent(this::acquire);
        if (operation != null) {
            limiter.recordCall(operation);
        }
    }

    @Override
    public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
        attributes.putAttribute(ANSWERED_400, context.httpResponse().statusCode() == 400);
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        if (context.exception() instanceof TooManyRequestsException) {
            category(attributes).ifPresent(throttled -> limiter.recordThrottle(throttled,
                    attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME)));
        }
    }

    private void acquire(QuotaCategory category) {
        try {
            limiter.acquire(category);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw AbortedException.builder()
                    .message("interrupted while waiting for the " + category.setting() + " quota").cause(e).build();
        }
    }

    private static Optional<QuotaCategory> category(ExecutionAttributes attributes) {
        return Optional.ofNullable(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME))
                .flatMap(QuotaCategory::ofOperation);
    }
}
