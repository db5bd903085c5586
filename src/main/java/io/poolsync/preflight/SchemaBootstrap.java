package io.poolsync.preflight;

import java.util.List;

import org.jboss.logging.Logger;

import io.poolsync.cognito.PoolInspector;
import io.poolsync.config.InvalidConfigException;

/**
 * poolsync.schema.add-missing: adds to the target, with AddCustomAttributes, the custom attributes the source has and
 * the target lacks, typed and constrained as in the source. A type conflict refuses the whole bootstrap, naming the
 * attribute, because Cognito can neither change nor remove an attribute ("AddCustomAttributes").
 */
public final class SchemaBootstrap {

    private static final Logger LOG = Logger.getLogger(SchemaBootstrap.class);

    private SchemaBootstrap() {
    }

    /** @return the attributes added */
    public static List<String> addMissing(PoolInspector source, PoolInspector target, AttributeMapping mapping) {
        SchemaComparison schema = SchemaComparison.compare(source.describePool(), target.describePool(), mapping);
        if (!schema.typeConflicts().isEmpty()) {
            throw new InvalidConfigException(schema.typeConflicts().stream()
                    .map(conflict -> "poolsync.schema.add-missing refused: " + conflict
                            + "; rename it (poolsync.mapping.renames) or exclude it (poolsync.mapping.exclude)")
                    .toList());
        }
        if (!schema.missing().isEmpty()) {
            target.addCustomAttributes(schema.missing());
            schema.missing().forEach(attribute -> LOG.infof("poolsync.schema.add-missing: added %s (%s) to the target",
                    attribute.name(), attribute.describe()));
        }
        return schema.missing().stream().map(attribute -> attribute.name()).toList();
    }
}
