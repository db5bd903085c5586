package io.poolsync.model;

import java.util.List;

/**
 * What a pool requires of a user import CSV: its columns (GetCSVHeader) and the settings the rows must agree with
 * (DescribeUserPool).
 *
 * @param poolName               part of the CloudWatch log group Cognito writes import results to
 * @param columns                every column the file must have, custom attributes and {@code cognito:username}
 *                               included
 * @param autoVerifiedAttributes {@code email} and/or {@code phone_number}: each row must have one of them verified
 * @param mfaConfiguration       {@code OFF}, {@code ON} or {@code OPTIONAL}: decides {@code cognito:mfa_enabled}
 */
public record CsvImportTemplate(String poolId, String poolName, List<String> columns,
        List<String> autoVerifiedAttributes, String mfaConfiguration) {

    public CsvImportTemplate {
        columns = List.copyOf(columns);
        autoVerifiedAttributes = List.copyOf(autoVerifiedAttributes);
    }

    /** Where Cognito logs each row's outcome: one stream per job, named {@code <job id>/<job name>}. */
    public String logGroup() {
        return "/aws/cognito/userpools/" + poolId + "/" + poolName;
    }
}
