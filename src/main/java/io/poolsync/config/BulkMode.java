package io.poolsync.config;

/** Whether users to create may go through Cognito user import jobs. */
public enum BulkMode {
    OFF, IMPORT_JOB
}
