package io.poolsync.sync;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * One line per run as it ends, in logfmt so log pipelines can parse it; with JSON logging the same fields are in the
 * MDC. Every {@link RunCounter} is in it, by its key.
 */
final class RunSummaryLine {

    private static final Logger LOG = Logger.getLogger(SyncService.class);

    private RunSummaryLine() {
    }

    static void log(SyncRun run) {
        Map<String, Object> fields = fields(run.summary());
        StringBuilder line = new StringBuilder("run finished");
        fields.forEach((key, value) -> line.append(' ').append(key).append('=').append(logfmt(value)));
        fields.forEach((key, value) -> MDC.put(key, String.valueOf(value)));
        try {
            LOG.info(line);
        } finally {
            fields.keySet().forEach(MDC::remove);
        }
    }

    static Map<String, Object> fields(SyncRun.Summary summary) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("runId", summary.id());
        fields.put("trigger", summary.trigger());
        fields.put("phase", summary.phase());
        fields.put("dryRun", summary.dryRun());
        fields.put("durationSeconds", summary.durationSeconds());
        for (RunCounter counter : RunCounter.values()) {
            fields.put(counter.key(), summary.counters().get(counter));
        }
        if (summary.plan() != null) {
            fields.put("mfaReads", summary.plan().signIn().mfaReads());
            fields.put("mfaRefreshes", summary.plan().signIn().mfaRefreshes());
            fields.put("reEnrolTotp", summary.plan().signIn().reEnrolTotp());
            if (!summary.plan().signIn().missingProviders().isEmpty()) {
                fields.put("missingProviders", summary.plan().signIn().missingProviders());
            }
        }
        if (summary.removalsNote() != null) {
            fields.put("removalsNote", summary.removalsNote());
        }
        if (summary.error() != null) {
            fields.put("error", summary.error());
        }
        return fields;
    }

    /** A logfmt value: quoted when it holds spaces, quotes or equals signs. */
    static String logfmt(Object value) {
        String text = String.valueOf(value);
        if (!text.isEmpty() && text.chars().noneMatch(ch -> ch == ' ' || ch == '"' || ch == '=' || ch == '\\' || ch < 32)) {
            return text;
        }
        return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + '"';
    }
}
