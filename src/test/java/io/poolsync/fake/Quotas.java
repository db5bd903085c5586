package io.poolsync.fake;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Immutable rate configuration: requests per second per {@link QuotaCategory}; a category without a rate is unlimited.
 * One {@code Quotas} applies to the whole fake, i.e. to every pool of the one simulated account, as in Cognito.
 */
public final class Quotas {

    private final Map<QuotaCategory, Integer> rates;

    private Quotas(Map<QuotaCategory, Integer> rates) {
        this.rates = Collections.unmodifiableMap(rates);
    }

    /** Cognito's default quotas (UserList 30, UserCreation 50, UserUpdate 25, UserRead 120, ...). */
    public static Quotas cognitoDefaults() {
        EnumMap<QuotaCategory, Integer> rates = new EnumMap<>(QuotaCategory.class);
        for (QuotaCategory category : QuotaCategory.values()) {
            rates.put(category, category.defaultRps());
        }
        return new Quotas(rates);
    }

    /** No throttling at all (the fake still records per-second statistics). */
    public static Quotas unlimited() {
        return new Quotas(new EnumMap<>(QuotaCategory.class));
    }

    /** A copy with {@code category} limited to {@code rps} requests per second (at least 1). */
    public Quotas withRate(QuotaCategory category, int rps) {
        if (rps < 1) {
            throw new IllegalArgumentException("rate must be >= 1 rps, got " + rps + " (use withoutLimit to lift it)");
        }
        EnumMap<QuotaCategory, Integer> copy = copy();
        copy.put(category, rps);
        return new Quotas(copy);
    }

    /** A copy with {@code category} unlimited. */
    public Quotas withoutLimit(QuotaCategory category) {
        EnumMap<QuotaCategory, Integer> copy = copy();
        copy.remove(category);
        return new Quotas(copy);
    }

    /** A copy with every limited category's rate multiplied by {@code factor} (rounded, at least 1). */
    public Quotas scaled(double factor) {
        EnumMap<QuotaCategory, Integer> copy = copy();
        copy.replaceAll((c, rps) -> Math.max(1, (int) Math.round(rps * factor)));
        return new Quotas(copy);
    }

    public OptionalInt rate(QuotaCategory category) {
        Integer rps = rates.get(category);
        return rps == null ? OptionalInt.empty() : OptionalInt.of(rps);
    }

    private EnumMap<QuotaCategory, Integer> copy() {
        EnumMap<QuotaCategory, Integer> copy = new EnumMap<>(QuotaCategory.class);
        copy.putAll(rates);
        return copy;
    }

    @Override
    public String toString() {
        return rates.isEmpty() ? "Quotas[unlimited]" : "Quotas" + rates;
    }
}
