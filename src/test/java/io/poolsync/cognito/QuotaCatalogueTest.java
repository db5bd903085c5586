package io.poolsync.cognito;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.poolsync.config.PoolsyncConfig;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The catalogue against the fake's own transcription of AWS's page, and everything that must come from the catalogue
 * (the README's quota table, the chart's rate-limit values, the rate-limit settings) against it.
 */
class QuotaCatalogueTest {

    private static final String TABLE_BEGIN = "<!-- quota-table:begin (generated from CognitoOperation; QuotaCatalogueTest holds it equal) -->";
    private static final String TABLE_END = "<!-- quota-table:end -->";

    @Test
    void every_operation_is_in_the_category_awss_page_gives_it() {
        for (CognitoOperation operation : CognitoOperation.values()) {
            assertThat(io.poolsync.fake.QuotaCategory.of(operation.apiName()).map(Enum::name))
                    .as(operation.apiName()).hasValue(operation.category().name());
        }
    }

    @Test
    void every_category_has_the_pages_default_adjustability_and_per_pool_cap() {
        assertThat(io.poolsync.fake.QuotaCategory.source().address())
                .isEqualTo("https://docs.aws.amazon.com/cognito/latest/developerguide/quotas.html#category_operations");
        assertThat(io.poolsync.fake.QuotaCategory.source().read()).matches("\\d{4}-\\d{2}-\\d{2}");
        for (QuotaCategory category : QuotaCategory.values()) {
            io.poolsync.fake.QuotaCategory.Row row = io.poolsync.fake.QuotaCategory.valueOf(category.name()).row();
            assertThat(category.cognitoName()).as(category.name()).isEqualTo(row.cognitoName());
            assertThat(category.defaultRps()).as(category.cognitoName()).isEqualTo(row.defaultRps());
            assertThat(category.adjustable()).as(category.cognitoName()).isEqualTo(row.adjustable());
            assertThat(category.perPoolOperationRps()).as(category.cognitoName()).isEqualTo(row.perPoolOperationRps());
            assertThat(category.operations()).as("%s spends no operation", category).isNotEmpty();
        }
    }

    @Test
    void the_readmes_quota_table_is_the_catalogues() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        int begin = readme.indexOf(TABLE_BEGIN);
        int end = readme.indexOf(TABLE_END);
        assertThat(begin).as("README.md marks its quota table").isNotNegative();
        String table = readme.substring(begin + TABLE_BEGIN.length(), end).strip();
        assertThat(table).isEqualTo(readmeTable());
    }

    @Test
    void the_charts_rate_limits_are_the_catalogues_categories() throws IOException {
        Set<String> categories = Arrays.stream(QuotaCategory.values()).map(QuotaCategory::camelCase)
                .collect(Collectors.toCollection(TreeSet::new));
        JsonNode schema = new ObjectMapper().readTree(Path.of("helm/poolsync/values.schema.json").toFile())
                .at("/properties/poolsync/properties/rateLimits/properties");
        Set<String> inSchema = new TreeSet<>();
        schema.fieldNames().forEachRemaining(inSchema::add);
        inSchema.remove("shared");
        assertThat(inSchema).isEqualTo(categories);

        List<String> values = Files.readAllLines(Path.of("helm/poolsync/values.yaml"));
        Set<String> inValues = new TreeSet<>();
        int start = values.indexOf("  rateLimits:");
        for (String line : values.subList(start + 1, values.size())) {
            if (!line.startsWith("    ")) {
                break;
            }
            String key = line.strip().substring(0, line.strip().indexOf(':'));
            if (!key.equals("shared")) {
                inValues.add(key);
                assertThat(line.strip()).as("unset by default: learnt or Cognito's").isEqualTo(key + ": null");
            }
        }
        assertThat(inValues).isEqualTo(categories);
    }

    @Test
    void every_category_has_its_setting() {
        Set<String> settings = Arrays.stream(PoolsyncConfig.RateLimits.class.getDeclaredMethods()).map(Method::getName)
                .filter(name -> !name.equals("shared")).collect(Collectors.toCollection(TreeSet::new));
        assertThat(settings).isEqualTo(Arrays.stream(QuotaCategory.values()).map(QuotaCategory::camelCase)
                .collect(Collectors.toCollection(TreeSet::new)));
    }

    /** The README's table, rendered from the catalogue. */
    static String readmeTable() {
        List<String> lines = new ArrayList<>();
        lines.add("| `poolsync.rate-limits.` | category | operations poolsync calls | default RPS | adjustable | per pool |");
        lines.add("|---|---|---|---:|---|---|");
        for (QuotaCategory category : QuotaCategory.values()) {
            Set<String> operations = new LinkedHashSet<>();
            category.operations().forEach(operation -> operations.add(operation.apiName()));
            lines.add("| `%s` | %s | %s | %d | %s | %s |".formatted(category.setting(), category.cognitoName(),
                    String.join(", ", operations), category.defaultRps(), category.adjustable() ? "yes" : "no",
                    category.perPoolOperationRps().isPresent()
                            ? category.perPoolOperationRps().getAsInt() + " RPS per operation" : ""));
        }
        return String.join("\n", lines);
    }
}
