package io.poolsync.cognito;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Puts every HTTP attempt to one pool, the SDK's retries included, through the quota limiter, and tells it about
 * Cognito's throttling answers as they arrive. Sits in the SDK so no call can bypass it; an operation outside
 * {@link CognitoOperation}'s catalogue is refused before it is sent.
 */
final class QuotaInterceptor implements ExecutionInterceptor {

    /** Cognito's error type when a quota is exceeded (JSON 1.1 protocol: the answer's {@code __type}). */
    private static final String THROTTLE_TYPE = "TooManyRequestsException";
    /**
     * The call's attempt the gates let go and that has no answer yet: the gates hold its place until it has one. The
     * SDK refuses a second attribute of the same name, and a class loaded again (Quarkus tests start the application in
     * a new class loader) makes one: the name carries this loading's identity.
     */
    private static final ExecutionAttribute<Unanswered> UNANSWERED = new ExecutionAttribute<>(
            "poolsync.unanswered@" + Integer.toHexString(System.identityHashCode(new Object())));

    private static final class Unanswered {
        private boolean held;
        /** When the gates let it go (System.nanoTime). */
        private long departed;
    }

    private final QuotaLimiter limiter;
    /** This pool's caps on single operations (UserPoolResourceRead and UserPoolResourceUpdate: 5 RPS per pool). */
    private final Map<CognitoOperation, QuotaLimiter.Gate> perPool = new EnumMap<>(CognitoOperation.class);

    QuotaInterceptor(QuotaLimiter limiter) {
        this.limiter = limiter;
        for (CognitoOperation operation : CognitoOperation.values()) {
            operation.category().perPoolOperationRps().ifPresent(
                    rps -> perPool.put(operation, new QuotaLimiter.Gate(rps, System::nanoTime)));
        }
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        operation(attributes);
        attributes.putAttribute(UNANSWERED, new Unanswered());
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        CognitoOperation operation = operation(attributes);
        answered(operation, attributes); // an earlier attempt that failed without an answer (a timeout, a drop)
        QuotaLimiter.Gate poolCap = perPool.get(operation);
        try {
            if (poolCap != null) {
                waitFor(poolCap);
            }
            try {
                limiter.acquire(operation.category());
            } catch (InterruptedException e) {
                if (poolCap != null) {
                    poolCap.abandoned();
                }
                throw e;
            }
            Unanswered attempt = attributes.getAttribute(UNANSWERED);
            attempt.held = true;
            attempt.departed = System.nanoTime();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw AbortedException.builder().message("interrupted while waiting for the "
                    + operation.category().setting() + " quota").cause(e).build();
        }
        limiter.recordCall(operation);
    }

    @Override
    public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
        answered(operation(attributes), attributes);
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        CognitoOperation.of(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME))
                .ifPresent(operation -> answered(operation, attributes));
    }

    /** The attempt under way has its answer, or won't get one: its places in the gates free a second from now. */
    private void answered(CognitoOperation operation, ExecutionAttributes attributes) {
        Unanswered attempt = attributes.getAttribute(UNANSWERED);
        if (attempt == null || !attempt.held) {
            return;
        }
        attempt.held = false;
        long roundTrip = System.nanoTime() - attempt.departed;
        QuotaLimiter.Gate poolCap = perPool.get(operation);
        if (poolCap != null) {
            poolCap.completed(roundTrip);
        }
        limiter.completed(operation.category(), roundTrip);
    }

    /**
     * A throttled attempt is known here, when its answer arrives, not when the SDK gives up or retries after its
     * backoff: the gate yields at once. Error answers are small; the body is read and handed on unchanged.
     */
    @Override
    public Optional<InputStream> modifyHttpResponseContent(Context.ModifyHttpResponse context,
            ExecutionAttributes attributes) {
        Optional<InputStream> body = context.responseBody();
        if (context.httpResponse().statusCode() != 400 || body.isEmpty()) {
            return body;
        }
        byte[] bytes;
        try (InputStream in = body.get()) {
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (new String(bytes, StandardCharsets.UTF_8).contains(THROTTLE_TYPE)) {
            limiter.recordThrottle(operation(attributes));
        }
        return Optional.of(new ByteArrayInputStream(bytes));
    }

    private static void waitFor(QuotaLimiter.Gate gate) throws InterruptedException {
        long wait;
        while ((wait = gate.reserve()) > 0) {
            java.util.concurrent.locks.LockSupport.parkNanos(wait);
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
    }

    /** Fails closed: a call whose quota poolsync doesn't know would spend a budget nobody accounts for. */
    private static CognitoOperation operation(ExecutionAttributes attributes) {
        String name = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        return CognitoOperation.of(name).orElseThrow(() -> SdkClientException.create(
                name + " is not in poolsync's catalogue of Cognito operations (io.poolsync.cognito.CognitoOperation), "
                        + "so its quota category is unknown: refused"));
    }
}
