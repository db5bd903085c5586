package io.poolsync.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.poolsync.config.RoleArnPolicy;
import io.poolsync.model.PoolGroup;

class GroupRulesTest {

    private static final String SOURCE_ACCOUNT = "111111111111";
    private static final String TARGET_ACCOUNT = "222222222222";
    private static final Map<String, String> ACCOUNTS = Map.of(SOURCE_ACCOUNT, TARGET_ACCOUNT);

    static Stream<Arguments> cases() {
        return Stream.of(
                arguments("copy keeps the role ARN as is",
                        RoleArnPolicy.COPY, Map.of(), "arn:aws:iam::111111111111:role/admins",
                        "arn:aws:iam::111111111111:role/admins"),
                arguments("copy ignores an account map",
                        RoleArnPolicy.COPY, ACCOUNTS, "arn:aws:iam::111111111111:role/admins",
                        "arn:aws:iam::111111111111:role/admins"),
                arguments("copy keeps a null role ARN null",
                        RoleArnPolicy.COPY, Map.of(), null, null),
                arguments("drop removes the role ARN",
                        RoleArnPolicy.DROP, Map.of(), "arn:aws:iam::111111111111:role/admins", null),
                arguments("drop keeps a null role ARN null",
                        RoleArnPolicy.DROP, Map.of(), null, null),
                arguments("map rewrites a mapped account id",
                        RoleArnPolicy.MAP, ACCOUNTS, "arn:aws:iam::111111111111:role/admins",
                        "arn:aws:iam::222222222222:role/admins"),
                arguments("map keeps the role path and another partition",
                        RoleArnPolicy.MAP, ACCOUNTS, "arn:aws-cn:iam::111111111111:role/team/ops-admins",
                        "arn:aws-cn:iam::222222222222:role/team/ops-admins"),
                arguments("map keeps an account it has no entry for",
                        RoleArnPolicy.MAP, ACCOUNTS, "arn:aws:iam::333333333333:role/admins",
                        "arn:aws:iam::333333333333:role/admins"),
                arguments("map keeps a null role ARN null",
                        RoleArnPolicy.MAP, ACCOUNTS, null, null),
                arguments("map keeps a value that is not an IAM role ARN",
                        RoleArnPolicy.MAP, ACCOUNTS, "not-an-arn-111111111111", "not-an-arn-111111111111"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void desires(String description, RoleArnPolicy policy, Map<String, String> accountMap, String sourceArn,
            String expectedArn) {
        PoolGroup source = new PoolGroup("admins", "Administrators", 3, sourceArn);

        PoolGroup desired = new GroupRules(policy, accountMap).desire(source);

        assertThat(desired).as(description).isEqualTo(new PoolGroup("admins", "Administrators", 3, expectedArn));
    }

    @Test
    void nullDescriptionAndPrecedenceStayNull() {
        PoolGroup desired = new GroupRules(RoleArnPolicy.COPY, Map.of()).desire(new PoolGroup("g", null, null, null));
        assertThat(desired).isEqualTo(new PoolGroup("g", null, null, null));
    }
}
