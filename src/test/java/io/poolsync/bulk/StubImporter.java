package io.poolsync.bulk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.poolsync.cognito.PoolCallException;
import io.poolsync.cognito.PoolImporter;
import io.poolsync.model.CsvImportTemplate;
import io.poolsync.model.ImportJob;

/**
 * Import jobs in memory: each runs to Succeeded over two polls (InProgress, then done), importing every line but those
 * of usernames in {@link #failing}. The uploads of the jobs numbered in {@link #refusedUploads} are refused, as an
 * expired URL would refuse them.
 */
final class StubImporter implements PoolImporter {

    static final List<String> COLUMNS = List.of("email", "email_verified", "cognito:mfa_enabled", "cognito:username");

    final Set<Integer> refusedUploads = new HashSet<>();
    final Set<String> failing = new HashSet<>();
    final List<String> calls = new ArrayList<>();
    /** Jobs never get past InProgress. */
    boolean stuck;
    final Map<String, List<String>> uploaded = new HashMap<>();
    private final Map<String, Integer> polls = new HashMap<>();
    private int jobs;

    @Override
    public CsvImportTemplate importTemplate() {
        calls.add("GetCSVHeader");
        return new CsvImportTemplate("eu-west-1_Target1", "target", COLUMNS, List.of("email"), "OFF");
    }

    @Override
    public ImportJob createImportJob(String jobName, String cloudWatchLogsRoleArn) {
        calls.add("CreateUserImportJob " + jobName);
        String id = "import-" + ++jobs;
        return job(id, jobName, "Created", 0, 0);
    }

    @Override
    public void upload(ImportJob job, Path csv) {
        calls.add("upload " + job.jobId());
        if (refusedUploads.contains(jobs)) {
            throw new PoolCallException("UploadImportFile", "HTTP 403", "AccessDenied: Request has expired", null);
        }
        try {
            uploaded.put(job.jobId(), Files.readAllLines(csv));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public ImportJob startImportJob(String jobId) {
        calls.add("StartUserImportJob " + jobId);
        return job(jobId, null, "Pending", 0, 0);
    }

    @Override
    public ImportJob describeImportJob(String jobId) {
        calls.add("DescribeUserImportJob " + jobId);
        int poll = polls.merge(jobId, 1, Integer::sum);
        List<String> rows = uploaded.get(jobId).subList(1, uploaded.get(jobId).size());
        long failed = rows.stream().filter(row -> failing.contains(row.substring(row.lastIndexOf(',') + 1))).count();
        return poll == 1 || stuck ? job(jobId, null, "InProgress", 0, 0) : job(jobId, null, "Succeeded", rows.size() - failed, failed);
    }

    private static ImportJob job(String id, String name, String status, long imported, long failed) {
        return new ImportJob(id, name, status, URI.create("https://uploads.example/" + id), imported, 0, failed,
                status.equals("Succeeded") ? "Import Job Completed Successfully." : null);
    }
}
