package io.poolsync.preflight;

/** Which quota category an operation spends, and how fast poolsync may spend it: what the estimate divides by. */
public interface QuotaRates {

    /** The category an operation is counted in, named as on "Quotas in Amazon Cognito", e.g. {@code UserCreation}. */
    String category(String operation);

    /** Requests per second in that category. */
    double rate(String category);
}
