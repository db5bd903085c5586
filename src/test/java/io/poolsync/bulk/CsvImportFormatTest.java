package io.poolsync.bulk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.poolsync.model.CsvImportTemplate;

class CsvImportFormatTest {

    /** A short header in an order of Cognito's own: the username column comes last, as GetCSVHeader lists it. */
    static final List<String> COLUMNS = List.of("given_name", "email", "email_verified", "birthdate", "phone_number",
            "phone_number_verified", "address", "custom:source_sub", "cognito:mfa_enabled", "cognito:username");

    static CsvImportTemplate template(List<String> autoVerified, String mfa) {
        return new CsvImportTemplate("eu-west-1_Target1", "target", COLUMNS, autoVerified, mfa);
    }

    static final CsvImportFormat EMAIL_VERIFIED_POOL = new CsvImportFormat(template(List.of("email"), "OFF"));

    static Map<String, String> verified(String... more) {
        Map<String, String> attributes = new TreeMap<>(Map.of("email", "ann@example.com", "email_verified", "true"));
        for (int i = 0; i < more.length; i += 2) {
            attributes.put(more[i], more[i + 1]);
        }
        return attributes;
    }

    static Stream<Arguments> lines() {
        return Stream.of(
                arguments("every column present, empty where the user has no value",
                        EMAIL_VERIFIED_POOL, "ann", verified(),
                        ",ann@example.com,true,,,,,,false,ann"),
                arguments("a comma in a value is escaped with a backslash, not quoted",
                        EMAIL_VERIFIED_POOL, "ann", verified("address", "1 Main St, Springfield", "given_name", "Ann"),
                        "Ann,ann@example.com,true,,,,1 Main St\\, Springfield,,false,ann"),
                arguments("birthdate goes from the API's YYYY-MM-DD to the import's mm/dd/yyyy",
                        EMAIL_VERIFIED_POOL, "ann", verified("birthdate", "1985-02-01"),
                        ",ann@example.com,true,02/01/1985,,,,,false,ann"),
                arguments("the source sub travels in its custom attribute, so the follow-up pass can match the user",
                        EMAIL_VERIFIED_POOL, "ann", verified("custom:source_sub", "3f1c0b9e-0000-4000-8000-000000000001"),
                        ",ann@example.com,true,,,,,3f1c0b9e-0000-4000-8000-000000000001,false,ann"),
                arguments("an unverified address beside a verified one is fine",
                        EMAIL_VERIFIED_POOL, "ann", verified("phone_number", "+15555550100", "phone_number_verified", "false"),
                        ",ann@example.com,true,,+15555550100,false,,,false,ann"),
                arguments("a pool verifying phone numbers takes a user with only a verified phone",
                        new CsvImportFormat(template(List.of("email", "phone_number"), "OFF")), "bob",
                        Map.of("phone_number", "+15555550100", "phone_number_verified", "true"),
                        ",,,,+15555550100,true,,,false,bob"),
                arguments("required MFA is on for every imported user",
                        new CsvImportFormat(template(List.of("email"), "ON")), "ann", verified(),
                        ",ann@example.com,true,,,,,,true,ann"),
                arguments("optional MFA starts off, as with AdminCreateUser",
                        new CsvImportFormat(template(List.of("email"), "OPTIONAL")), "ann", verified(),
                        ",ann@example.com,true,,,,,,false,ann"),
                arguments("non-ASCII values are written as they are (the file is UTF-8)",
                        EMAIL_VERIFIED_POOL, "zoë", verified("given_name", "Zoë"),
                        "Zoë,ann@example.com,true,,,,,,false,zoë"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lines")
    void rendersALine(String description, CsvImportFormat format, String username, Map<String, String> attributes,
            String expected) {
        CsvImportFormat.Row row = format.render(username, attributes);

        assertThat(row.unfitReason()).as(description).isNull();
        assertThat(row.line()).as(description).isEqualTo(expected);
    }

    static Stream<Arguments> unfit() {
        return Stream.of(
                arguments("no verified address at all", EMAIL_VERIFIED_POOL, "ann",
                        Map.of("email", "ann@example.com", "email_verified", "false"), "no verified email"),
                arguments("a verified phone in a pool that verifies only email",
                        EMAIL_VERIFIED_POOL, "ann", Map.of("phone_number", "+15555550100", "phone_number_verified", "true"),
                        "no verified email"),
                arguments("an attribute the header lacks", EMAIL_VERIFIED_POOL, "ann", verified("custom:tenant", "t1"),
                        "custom:tenant has no column"),
                arguments("a line break", EMAIL_VERIFIED_POOL, "ann", verified("address", "1 Main St\nSpringfield"),
                        "address holds a line break"),
                arguments("a carriage return", EMAIL_VERIFIED_POOL, "ann", verified("address", "1 Main St\rSpringfield"),
                        "address holds a line break"),
                arguments("a backslash, which could read as an escape", EMAIL_VERIFIED_POOL, "ann",
                        verified("given_name", "A\\nn"), "given_name holds"),
                arguments("a double quote, which Cognito's unquoted format leaves undefined", EMAIL_VERIFIED_POOL, "ann",
                        verified("given_name", "\"Ann\""), "given_name holds"),
                arguments("surrounding blanks, which Cognito trims", EMAIL_VERIFIED_POOL, "ann",
                        verified("given_name", " Ann"), "given_name holds"),
                arguments("a username with a space", EMAIL_VERIFIED_POOL, "ann smith", verified(), "the username"),
                arguments("a username with a backslash", EMAIL_VERIFIED_POOL, "ann\\", verified(), "the username"),
                arguments("a birthdate the import can't express", EMAIL_VERIFIED_POOL, "ann", verified("birthdate", "1985"),
                        "birthdate is not YYYY-MM-DD"),
                arguments("a line longer than Cognito's 16,000 characters", EMAIL_VERIFIED_POOL, "ann",
                        verified("address", "x".repeat(16_000)), "16000 characters"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unfit")
    void leavesToTheApiAUserNoLineCanCarry(String description, CsvImportFormat format, String username,
            Map<String, String> attributes, String reason) {
        CsvImportFormat.Row row = format.render(username, attributes);

        assertThat(row.fits()).as(description).isFalse();
        assertThat(row.unfitReason()).as(description).contains(reason);
    }

    @Test
    void reasonsNameAttributesNeverValues() {
        assertThat(EMAIL_VERIFIED_POOL.render("ann", verified("birthdate", "secret-ish")).unfitReason())
                .doesNotContain("secret-ish");
        assertThat(EMAIL_VERIFIED_POOL.render("ann", verified("given_name", "Zebedee\nQuux")).unfitReason())
                .doesNotContain("Zebedee");
    }

    @Test
    void theHeaderIsGetCsvHeadersColumnsInItsOrder() {
        assertThat(EMAIL_VERIFIED_POOL.header()).isEqualTo(String.join(",", COLUMNS));
    }

    @Test
    void aHeaderWithoutCognitosOwnColumnsIsRefused() {
        CsvImportTemplate broken = new CsvImportTemplate("eu-west-1_Target1", "target", List.of("email", "email_verified"),
                List.of("email"), "OFF");

        assertThatThrownBy(() -> new CsvImportFormat(broken)).hasMessageContaining("cognito:username");
    }

    @Test
    void theLogGroupIsWhereCognitoLogsImportJobs() {
        assertThat(template(List.of("email"), "OFF").logGroup()).isEqualTo("/aws/cognito/userpools/eu-west-1_Target1/target");
    }
}
