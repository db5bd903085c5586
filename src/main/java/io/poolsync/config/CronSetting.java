package io.poolsync.config;

import java.util.Locale;
import java.util.Set;

import org.eclipse.microprofile.config.spi.Converter;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.parser.CronParser;

/**
 * Reads {@code poolsync.schedule.cron} as the scheduler will (Quartz syntax, Quarkus' default cron type), so a cron it
 * can't parse fails start-up as a setting, named, before the scheduler trips over it with a stack trace.
 */
public class CronSetting implements Converter<String> {

    /** Values that make Quarkus' scheduler leave the job unscheduled. */
    static final Set<String> OFF = Set.of("off", "disabled");
    private static final CronParser QUARTZ = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.QUARTZ));

    @Override
    public String convert(String value) {
        String cron = value.trim();
        if (OFF.contains(cron.toLowerCase(Locale.ROOT))) {
            return cron;
        }
        try {
            QUARTZ.parse(cron).validate();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a Quartz cron expression (seconds minutes hours day-of-month month "
                    + "day-of-week, e.g. 0 */15 * * * ?) nor off: " + e.getMessage());
        }
        return cron;
    }
}
