package io.poolsync.mapping;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.poolsync.config.RoleArnPolicy;
import io.poolsync.model.PoolGroup;

/** Turns a source group into the group the target should hold: same name, description and precedence; role ARN per policy. */
public record GroupRules(RoleArnPolicy roleArnPolicy, Map<String, String> accountMap) {

    private static final Pattern ROLE_ARN = Pattern.compile("(arn:[\\w-]+:iam::)(\\d{12})(:.*)");

    public GroupRules {
        accountMap = Map.copyOf(accountMap);
    }

    public PoolGroup desire(PoolGroup source) {
        return new PoolGroup(source.name(), source.description(), source.precedence(), roleArn(source.roleArn()));
    }

    private String roleArn(String arn) {
        if (arn == null || roleArnPolicy == RoleArnPolicy.DROP) {
            return null;
        }
        if (roleArnPolicy == RoleArnPolicy.COPY) {
            return arn;
        }
        Matcher matcher = ROLE_ARN.matcher(arn);
        if (!matcher.matches()) {
            return arn;
        }
        return matcher.group(1) + accountMap.getOrDefault(matcher.group(2), matcher.group(2)) + matcher.group(3);
    }
}
