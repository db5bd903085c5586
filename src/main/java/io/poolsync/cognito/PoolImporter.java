package io.poolsync.cognito;

import java.nio.file.Path;

import io.poolsync.model.CsvImportTemplate;
import io.poolsync.model.ImportJob;

/** Creates users in one pool through CSV user import jobs. Only the bulk load and its import-job applier use one. */
public interface PoolImporter {

    /** GetCSVHeader and the pool settings the rows must agree with. */
    CsvImportTemplate importTemplate();

    /** CreateUserImportJob: a job in {@code Created}, with the pre-signed URL its file goes to. */
    ImportJob createImportJob(String jobName, String cloudWatchLogsRoleArn);

    /** Puts the CSV file at the job's pre-signed URL, which Cognito accepts only for a while after the job is created. */
    void upload(ImportJob job, Path csv);

    ImportJob startImportJob(String jobId);

    ImportJob describeImportJob(String jobId);
}
