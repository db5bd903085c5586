package io.poolsync.bulk;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jboss.logging.Logger;

import io.poolsync.cognito.PoolImporter;
import io.poolsync.model.CsvImportTemplate;
import io.poolsync.plan.PlannedUser;

/**
 * One run's users to create, as the source scan plans them: kept for import jobs when the target was empty or once
 * enough of them come, otherwise handed back for AdminCreateUser. Until the threshold is reached at most
 * {@code min-creates} users wait in memory; from then on every user goes straight to the spooled files. A user an
 * import line can't carry is never kept. Thread-safe: segmented scans plan from several threads.
 */
public final class BulkLoad implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(BulkLoad.class);

    private final BulkSettings settings;
    private final PoolImporter target;
    private final boolean targetEmpty;
    private final List<Waiting> waiting = new ArrayList<>();
    /** Why users to create were left to the API, and how many each time: names only, never values. */
    private final Map<String, Long> leftToApi = new TreeMap<>();
    private CsvImportTemplate template;
    private CsvImportFormat format;
    private CsvSpool spool;
    private List<CsvSpool.SpoolFile> files = List.of();

    /** A user to create and its import line, waiting to learn whether the run reaches the threshold. */
    private record Waiting(PlannedUser user, String line) {
    }

    /** @param targetEmpty the target held no user when the run read it: import jobs from the first user on */
    public BulkLoad(BulkSettings settings, PoolImporter target, boolean targetEmpty) {
        this.settings = settings;
        this.target = target;
        this.targetEmpty = targetEmpty;
    }

    /** @return whether the user is kept for an import job; if not, it goes through the API as planned */
    public synchronized boolean take(PlannedUser user) {
        // A create that replaces a user mirror deletes must wait for that delete, which only the API path orders.
        if (!settings.importJobs() || user.action() != PlannedUser.Action.CREATE || !user.replaces().isEmpty()) {
            return false;
        }
        CsvImportFormat.Row row = format().render(user.username(), user.attributes());
        if (!row.fits() || !CsvSpool.fits(format.header(), row.line(), settings.maxBytesPerJob())) {
            String reason = row.fits() ? "the user's line exceeds poolsync.bulk.max-bytes-per-job" : row.unfitReason();
            LOG.debugf("%s is created through the API: %s", user.username(), reason);
            leftToApi.merge(reason, 1L, Long::sum);
            return false;
        }
        if (spool == null && !targetEmpty && waiting.size() + 1 < settings.minCreates()) {
            waiting.add(new Waiting(user, row.line()));
            return true;
        }
        if (spool == null) {
            spool = new CsvSpool(format.header(), settings.maxUsersPerJob(), settings.maxBytesPerJob());
            waiting.forEach(kept -> spool.add(kept.line()));
            waiting.clear();
        }
        spool.add(row.line());
        return true;
    }

    /**
     * Call once the source is read.
     *
     * @return the users kept in memory, to create through the API after all, when the run stayed below the threshold
     */
    public synchronized List<PlannedUser> endOfScan() {
        if (spool != null) {
            files = spool.finish();
        }
        List<PlannedUser> belowThreshold = waiting.stream().map(Waiting::user).toList();
        waiting.clear();
        return belowThreshold;
    }

    /** Whether users went to import files, so import jobs and a follow-up pass are due. */
    public synchronized boolean engaged() {
        return spool != null;
    }

    synchronized List<CsvSpool.SpoolFile> files() {
        return files;
    }

    synchronized CsvImportTemplate template() {
        return template;
    }

    synchronized Map<String, Long> leftToApi() {
        return new TreeMap<>(leftToApi);
    }

    private CsvImportFormat format() {
        if (format == null) {
            template = target.importTemplate();
            format = new CsvImportFormat(template);
        }
        return format;
    }

    @Override
    public synchronized void close() {
        if (spool != null) {
            spool.close();
        }
    }
}
