package io.poolsync.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ListUsersFilterTest {

    private static final String SETTING = "poolsync.source.filter";

    static Stream<Arguments> valid() {
        return Stream.of(
                arguments("prefix on email", "email ^= \"a\"", "email ^= \"a\""),
                arguments("exact status", "cognito:user_status = \"CONFIRMED\"", "cognito:user_status = \"CONFIRMED\""),
                arguments("spaces around and inside are normalised", "  email   =   \"a@x.com\"  ", "email = \"a@x.com\""),
                arguments("no spaces at all", "sub^=\"0\"", "sub ^= \"0\""),
                arguments("spaces inside the value are kept", "name = \"Ann  Lee\"", "name = \"Ann  Lee\""),
                arguments("an empty value", "phone_number ^= \"\"", "phone_number ^= \"\""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valid")
    void accepts(String description, String filter, String normalised) {
        assertThat(ListUsersFilter.parse(SETTING, filter)).as(description).isEqualTo(normalised);
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                arguments("a custom attribute", "custom:x = \"1\"", List.of("can't filter on custom:x")),
                arguments("an attribute Cognito can't filter on", "locale = \"en\"", List.of("can't filter on locale")),
                arguments("a comparison Cognito lacks", "email > \"a\"", List.of("is not a ListUsers filter")),
                arguments("an unquoted value", "email = a@x.com", List.of("is not a ListUsers filter")),
                arguments("two conditions", "email ^= \"a\" and name = \"b\"", List.of("is not a ListUsers filter")),
                arguments("single quotes", "email = 'a'", List.of("is not a ListUsers filter")),
                arguments("empty", "", List.of("is not a ListUsers filter")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void refuses(String description, String filter, List<String> fragments) {
        IllegalArgumentException e = catchThrowableOfType(IllegalArgumentException.class,
                () -> ListUsersFilter.parse(SETTING, filter));

        assertThat(e).as(description).isNotNull();
        assertThat(e.getMessage()).as(description).startsWith(SETTING).contains(fragments);
    }
}
