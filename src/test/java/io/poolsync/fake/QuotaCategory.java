package io.poolsync.fake;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Cognito's per-account quota categories, with their default rates, adjustability, per-pool caps and operations read
 * from the fake's own table ({@code cognito-quotas.tsv} beside this class, transcribed from AWS's page with its address
 * and the date it was read): the fake must not share poolsync's catalogue, or both would be wrong together.
 * Operations missing from every category (the set-up ones: CreateUserPool, CreateIdentityProvider,
 * SetUserPoolMfaConfig) are never throttled.
 */
public enum QuotaCategory {
    USER_LIST, USER_CREATION, USER_ACCOUNT_RECOVERY, USER_UPDATE, USER_READ, USER_RESOURCE_READ, USER_RESOURCE_UPDATE,
    USER_AUTHENTICATION, USER_POOL_READ, USER_POOL_RESOURCE_READ, USER_POOL_RESOURCE_UPDATE, USER_POOL_CLIENT_READ,
    LIMIT_MANAGEMENT;

    /** One row of the table. */
    public record Row(String cognitoName, int defaultRps, boolean adjustable, OptionalInt perPoolOperationRps,
            Set<String> operations) {
    }

    /** Where the table says it comes from, and when it was read. */
    public record Source(String address, String read) {
    }

    private static final String TABLE = "cognito-quotas.tsv";
    private static final Map<QuotaCategory, Row> ROWS = new EnumMap<>(QuotaCategory.class);
    private static final Map<String, QuotaCategory> BY_OPERATION = new HashMap<>();
    private static Source source;

    static {
        String address = null;
        String read = null;
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(
                Objects.requireNonNull(QuotaCategory.class.getResourceAsStream(TABLE), TABLE), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.startsWith("# source: ")) {
                    address = line.substring("# source: ".length()).trim();
                } else if (line.startsWith("# read: ")) {
                    read = line.substring("# read: ".length()).trim();
                } else if (!line.isBlank() && !line.startsWith("#")) {
                    String[] cells = line.split("\t");
                    QuotaCategory category = valueOf(cells[1]);
                    Row row = new Row(cells[0], Integer.parseInt(cells[2]), cells[3].equals("yes"),
                            cells[4].equals("-") ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(cells[4])),
                            Set.copyOf(List.of(cells[5].split(" "))));
                    ROWS.put(category, row);
                    row.operations().forEach(operation -> BY_OPERATION.put(operation, category));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (ROWS.size() != values().length || address == null || read == null) {
            throw new IllegalStateException(TABLE + " must have one row per category, a source and a read date");
        }
        source = new Source(address, read);
    }

    public Row row() {
        return ROWS.get(this);
    }

    /** Cognito's default rate for this category, in requests per second. */
    public int defaultRps() {
        return row().defaultRps();
    }

    public Set<String> operations() {
        return row().operations();
    }

    public static Source source() {
        return source;
    }

    /** The category an operation (e.g. "ListUsers") counts against; empty for unthrottled operations. */
    public static Optional<QuotaCategory> of(String operation) {
        return Optional.ofNullable(BY_OPERATION.get(operation));
    }
}
