package io.poolsync.preflight;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.poolsync.config.PoolsyncConfig;
import io.poolsync.mapping.NamePairs;
import io.poolsync.model.PoolUser;

/**
 * Where each source attribute goes in the target, read from poolsync.mapping the way the sync reads it. Malformed
 * settings are left to the sync's start-up check, which names them.
 *
 * @param sourceSubAttribute the target attribute that receives the source sub
 */
public record AttributeMapping(Set<String> excluded, Map<String, String> renames, String sourceSubAttribute) {

    public AttributeMapping {
        excluded = Set.copyOf(excluded);
        renames = Map.copyOf(renames);
    }

    public static AttributeMapping from(PoolsyncConfig.Mapping mapping) {
        Set<String> excluded = new HashSet<>(mapping.exclude());
        Map<String, String> renames = NamePairs.parse("poolsync.mapping.renames", mapping.renames().orElse(List.of()),
                new ArrayList<>());
        return new AttributeMapping(excluded, renames, mapping.sourceSubAttribute());
    }

    /** The target attribute a source attribute is written to; empty for sub, excluded and developer-only attributes. */
    public Optional<String> targetName(String sourceName) {
        if (sourceName.equals(PoolUser.SUB) || sourceName.startsWith("dev:") || excluded.contains(sourceName)) {
            return Optional.empty();
        }
        return Optional.of(renames.getOrDefault(sourceName, sourceName));
    }

    /** The source attribute written to a target attribute, if any. */
    public Optional<String> sourceName(String targetName, Set<String> sourceAttributes) {
        return sourceAttributes.stream().filter(name -> targetName(name).filter(targetName::equals).isPresent()).findFirst();
    }
}
