package io.poolsync.cognito;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.mapstruct.Mapper;
import org.mapstruct.Mapping;

import io.poolsync.model.PoolUser;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserType;

/** Converts Cognito's user shapes into {@link PoolUser} and attribute maps back into request attributes. */
@Mapper(componentModel = "jakarta-cdi")
public interface UserTypeMapper {

    // The SDK's accessors are fluent (username(), not getUsername()), so sources are named by expression.
    @Mapping(target = "username", expression = "java(user.username())")
    @Mapping(target = "attributes", expression = "java(toMap(user.attributes()))")
    @Mapping(target = "enabled", expression = "java(Boolean.TRUE.equals(user.enabled()))")
    @Mapping(target = "status", expression = "java(user.userStatusAsString())")
    @Mapping(target = "createdAt", expression = "java(user.userCreateDate())")
    PoolUser toPoolUser(UserType user);

    default PoolUser toPoolUser(String username, List<AttributeType> attributes, Boolean enabled, String status,
            Instant createdAt) {
        return new PoolUser(username, toMap(attributes), Boolean.TRUE.equals(enabled), status, createdAt);
    }

    default Map<String, String> toMap(List<AttributeType> attributes) {
        Map<String, String> map = new TreeMap<>();
        attributes.forEach(attribute -> map.put(attribute.name(), attribute.value() == null ? "" : attribute.value()));
        return map;
    }

    default List<AttributeType> toAttributes(Map<String, String> attributes) {
        return attributes.entrySet().stream().map(this::toAttribute).toList();
    }

    @Mapping(target = "name", source = "key")
    @Mapping(target = "value", source = "value")
    AttributeType toAttribute(Map.Entry<String, String> entry);
}
