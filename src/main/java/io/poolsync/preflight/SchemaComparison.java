package io.poolsync.preflight;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import io.poolsync.model.PoolDescription;
import io.poolsync.model.PoolDescription.AttributeDefinition;

/**
 * The source's attributes, as the mapping writes them, against the target's schema ("SchemaAttributeType" in the
 * Amazon Cognito API reference: AttributeDataType, Mutable, StringAttributeConstraints, NumberAttributeConstraints).
 *
 * @param missing       custom attributes the target lacks, defined as the source defines them (under their target
 *                      name): what AddCustomAttributes would add; the source-sub attribute included
 * @param typeConflicts attributes whose type differs: {@code name: source type -> target type}
 * @param narrower      pairs whose target constraints refuse values the source's allow
 * @param immutable     attributes mutable in the source and immutable in the target
 */
public record SchemaComparison(List<AttributeDefinition> missing, List<String> typeConflicts, List<Pair> narrower,
        List<String> immutable) {

    /** One source attribute and the target attribute it is written to. */
    public record Pair(AttributeDefinition source, AttributeDefinition target) {
    }

    /**
     * The source sub is a UUID and poolsync writes it only when it creates a user ("Amazon Cognito user pools": an
     * immutable attribute can be set only at creation), so the owner mark can't be changed afterwards.
     */
    static AttributeDefinition sourceSubDefinition(String name) {
        return new AttributeDefinition(name, "String", false, false, null, null, null, null);
    }

    public static SchemaComparison compare(PoolDescription source, PoolDescription target, AttributeMapping mapping) {
        List<AttributeDefinition> missing = new ArrayList<>();
        List<String> typeConflicts = new ArrayList<>();
        List<Pair> narrower = new ArrayList<>();
        List<String> immutable = new ArrayList<>();
        source.attributes().values().stream().sorted(Comparator.comparing(AttributeDefinition::name)).forEach(attribute -> {
            Optional<String> targetName = mapping.targetName(attribute.name());
            if (targetName.isEmpty() || targetName.get().equals(mapping.sourceSubAttribute())) {
                return;
            }
            Optional<AttributeDefinition> existing = target.attribute(targetName.get());
            if (existing.isEmpty()) {
                if (targetName.get().startsWith(PoolDescription.CUSTOM_PREFIX)) {
                    missing.add(new AttributeDefinition(targetName.get(), attribute.dataType(), attribute.mutable(), false,
                            attribute.minLength(), attribute.maxLength(), attribute.minValue(), attribute.maxValue()));
                }
                return;
            }
            AttributeDefinition there = existing.get();
            if (!there.dataType().equals(attribute.dataType())) {
                typeConflicts.add(there.name() + ": " + attribute.dataType() + " in the source, " + there.dataType()
                        + " in the target");
                return;
            }
            if (narrower(attribute, there)) {
                narrower.add(new Pair(attribute, there));
            }
            if (attribute.mutable() && !there.mutable()) {
                immutable.add(there.name());
            }
        });
        Optional<AttributeDefinition> sourceSub = target.attribute(mapping.sourceSubAttribute());
        if (sourceSub.isEmpty() && mapping.sourceSubAttribute().startsWith(PoolDescription.CUSTOM_PREFIX)) {
            missing.add(sourceSubDefinition(mapping.sourceSubAttribute()));
        } else if (sourceSub.isPresent() && !sourceSub.get().dataType().equals("String")) {
            typeConflicts.add(sourceSub.get().name() + ": the source sub is a String, the target's attribute is a "
                    + sourceSub.get().dataType());
        }
        return new SchemaComparison(missing, typeConflicts, narrower, immutable);
    }

    /** Cognito's bounds on a String attribute that sets none ("Working with user attributes": up to 2048 characters). */
    private static final String DEFAULT_MAX_LENGTH = "2048";
    private static final String DEFAULT_MIN_LENGTH = "0";

    /** Whether the target refuses a value the source allows: a shorter maximum, longer minimum, or narrower range. */
    static boolean narrower(AttributeDefinition source, AttributeDefinition target) {
        return tighter(or(source.maxLength(), DEFAULT_MAX_LENGTH), or(target.maxLength(), DEFAULT_MAX_LENGTH), true)
                || tighter(or(source.minLength(), DEFAULT_MIN_LENGTH), or(target.minLength(), DEFAULT_MIN_LENGTH), false)
                || tighter(source.maxValue(), target.maxValue(), true) || tighter(source.minValue(), target.minValue(), false);
    }

    private static String or(String value, String absent) {
        return value == null || value.isBlank() ? absent : value;
    }

    /** A bound is tighter when the target sets one the source lacks, or one beyond the source's. */
    private static boolean tighter(String source, String target, boolean upper) {
        BigDecimal theirs = number(target);
        if (theirs == null) {
            return false;
        }
        BigDecimal ours = number(source);
        if (ours == null) {
            return true;
        }
        return upper ? theirs.compareTo(ours) < 0 : theirs.compareTo(ours) > 0;
    }

    private static BigDecimal number(String text) {
        try {
            return text == null || text.isBlank() ? null : new BigDecimal(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
