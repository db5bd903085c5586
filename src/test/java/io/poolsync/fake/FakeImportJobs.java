package io.poolsync.fake;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;

import software.amazon.awssdk.services.cognitoidentityprovider.model.UserStatusType;

/**
 * Cognito's CSV user import: GetCSVHeader, CreateUserImportJob, StartUserImportJob, DescribeUserImportJob, the
 * pre-signed PUT the file goes to (served by the fake itself) and the import.
 *
 * <ul>
 *   <li>The pre-signed URL accepts a PUT carrying {@code x-amz-server-side-encryption: aws:kms} within its lifetime
 *       (15 minutes, or {@link FakeCognito#importUrlLifetime}), while the job is Created; otherwise S3's 403.</li>
 *   <li>Created → (start) Pending → InProgress → Succeeded, or Failed when the file is missing or its header is not the
 *       pool's. One job at a time per account: starting a second while one runs is LimitExceededException.</li>
 *   <li>The file, as Cognito documents it: UTF-8 without BOM, the header's columns in any order, values unquoted and
 *       trimmed, {@code \,} for a comma in a value, {@code birthdate} as mm/dd/yyyy.</li>
 *   <li>Each line: a user created RESET_REQUIRED and enabled with its attributes (immutable ones included); skipped when
 *       the username (or, in a pool signing in by email or phone, the address) exists; failed when it breaks a rule
 *       (no username, cognito:mfa_enabled missing or against the pool's MFA setting, no auto-verified attribute verified,
 *       a verified flag without its address, the schema), or at {@link FakeCognito#importFaultRate}, as Cognito's
 *       "internal error" for a user. Outcomes are kept per line, as Cognito logs them.</li>
 * </ul>
 */
final class FakeImportJobs implements AutoCloseable {

    static final String UPLOAD_PATH = "/import-upload/";
    static final String USERNAME = "cognito:username";
    static final String MFA_ENABLED = "cognito:mfa_enabled";

    private static final Pattern JOB_NAME = Pattern.compile("[\\w\\s+=,.@-]{1,128}");
    private static final Pattern ROLE_ARN = Pattern.compile(
            "arn:[\\w+=/,.@-]+:[\\w+=/,.@-]+:([\\w+=/,.@-]*)?:[0-9]+:[\\w+=/,.@-]+(:[\\w+=/,.@-]+)?(:[\\w+=/,.@-]+)?");
    private static final Pattern US_DATE = Pattern.compile("(\\d{2})/(\\d{2})/(\\d{4})");
    /** Rows imported per hold of the pool's write lock, so readers get in between. */
    private static final int ROWS_PER_LOCK = 500;

    private final CognitoApi api;
    private final FakeCognito fake;
    private final ObjectMapper mapper = new ObjectMapper();
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Job> jobs = new ConcurrentHashMap<>();
    private final ExecutorService importer = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "fake-cognito-import");
        thread.setDaemon(true);
        return thread;
    });
    private volatile Duration urlLifetime = Duration.ofMinutes(15);
    private volatile double lineFaultRate;

    /** One import job. Guarded by itself. */
    static final class Job {
        final String id;
        final String name;
        final String poolId;
        final String roleArn;
        final String signature;
        final long created = System.currentTimeMillis();
        final long urlExpires;
        long started;
        long completed;
        String status = "Created";
        String completionMessage;
        byte[] file;
        volatile long imported;
        volatile long skipped;
        volatile long failed;
        final List<String> log = Collections.synchronizedList(new ArrayList<>());

        Job(String id, String name, String poolId, String roleArn, String signature, long urlExpires) {
            this.id = id;
            this.name = name;
            this.poolId = poolId;
            this.roleArn = roleArn;
            this.signature = signature;
            this.urlExpires = urlExpires;
        }
    }

    FakeImportJobs(CognitoApi api, FakeCognito fake) {
        this.api = api;
        this.fake = fake;
    }

    void urlLifetime(Duration lifetime) {
        this.urlLifetime = lifetime;
    }

    void lineFaultRate(double rate) {
        this.lineFaultRate = rate;
    }

    /** The outcome of each line of a job's file, as Cognito writes them to CloudWatch Logs. */
    List<String> log(String jobId) {
        Job job = jobs.get(jobId);
        return job == null ? List.of() : List.copyOf(job.log);
    }

    // ---------------------------------------------------------------- operations

    byte[] getCsvHeader(JsonNode request) throws IOException {
        FakePool pool = pool(request);
        ObjectNode answer = mapper.createObjectNode().put("UserPoolId", pool.id);
        columns(pool).forEach(answer.putArray("CSVHeader")::add);
        return mapper.writeValueAsBytes(answer);
    }

    byte[] create(JsonNode request) throws IOException {
        FakePool pool = pool(request);
        String name = required(request, "JobName");
        if (!JOB_NAME.matcher(name).matches()) {
            throw CognitoException.invalidParameter("1 validation error detected: Value '" + name
                    + "' at 'jobName' failed to satisfy constraint: Member must satisfy regular expression pattern");
        }
        String roleArn = required(request, "CloudWatchLogsRoleArn");
        if (roleArn.length() < 20 || !ROLE_ARN.matcher(roleArn).matches()) {
            throw CognitoException.invalidParameter("1 validation error detected: Value '" + roleArn
                    + "' at 'cloudWatchLogsRoleArn' failed to satisfy constraint: Member must satisfy regular expression pattern");
        }
        String id = "import-" + token(10);
        Job job = new Job(id, name, pool.id, roleArn, token(32), System.currentTimeMillis() + urlLifetime.toMillis());
        jobs.put(id, job);
        return answer(job);
    }

    byte[] start(JsonNode request) throws IOException {
        Job job = job(request);
        synchronized (jobs) {
            for (Job other : jobs.values()) {
                synchronized (other) {
                    if (other != job && (other.status.equals("Pending") || other.status.equals("InProgress"))) {
                        throw new CognitoException("LimitExceededException", 400,
                                "Only one import job can be active at a time per account: " + other.id + " is " + other.status);
                    }
                }
            }
            synchronized (job) {
                if (!job.status.equals("Created")) {
                    throw CognitoException.invalidParameter("Import job " + job.id + " is " + job.status + ", not Created.");
                }
                job.status = "Pending";
                job.started = System.currentTimeMillis();
            }
        }
        importer.execute(() -> run(job));
        return answer(job);
    }

    byte[] describe(JsonNode request) throws IOException {
        return answer(job(request));
    }

    /** The PUT to a job's pre-signed URL. */
    void upload(HttpExchange exchange) throws IOException {
        try {
            String path = exchange.getRequestURI().getPath();
            Job job = jobs.get(path.substring(UPLOAD_PATH.length()));
            String query = String.valueOf(exchange.getRequestURI().getRawQuery());
            if (!"PUT".equals(exchange.getRequestMethod())) {
                s3Error(exchange, 405, "MethodNotAllowed", "The specified method is not allowed against this resource.");
            } else if (job == null || !query.contains("X-Amz-Signature=" + job.signature)) {
                s3Error(exchange, 403, "SignatureDoesNotMatch",
                        "The request signature we calculated does not match the signature you provided.");
            } else if (System.currentTimeMillis() > job.urlExpires) {
                s3Error(exchange, 403, "AccessDenied", "Request has expired");
            } else if (!"aws:kms".equals(exchange.getRequestHeaders().getFirst("x-amz-server-side-encryption"))) {
                // The header is one of the signed headers: without it the signature can't match.
                s3Error(exchange, 403, "SignatureDoesNotMatch",
                        "There were headers present in the request which were not signed: x-amz-server-side-encryption");
            } else {
                byte[] body = exchange.getRequestBody().readAllBytes();
                synchronized (job) {
                    if (!job.status.equals("Created")) {
                        s3Error(exchange, 403, "AccessDenied", "The import job has started.");
                        return;
                    }
                    job.file = body;
                }
                exchange.getResponseHeaders().set("ETag", "\"" + Integer.toHexString(Arrays.hashCode(body)) + "\"");
                exchange.sendResponseHeaders(200, -1);
            }
        } finally {
            exchange.close();
        }
    }

    // ---------------------------------------------------------------- the import

    private void run(Job job) {
        byte[] file;
        synchronized (job) {
            job.status = "InProgress";
            file = job.file;
        }
        String failure;
        try {
            failure = file == null ? "The CSV file was not uploaded." : importFile(job, file);
        } catch (RuntimeException e) {
            failure = "Internal error: " + e;
        }
        synchronized (job) {
            job.status = failure == null ? "Succeeded" : "Failed";
            job.completionMessage = failure == null ? "Import Job Completed Successfully." : failure;
            job.completed = System.currentTimeMillis();
        }
    }

    /** @return why the whole job fails, or null once every line was imported, skipped or failed */
    private String importFile(Job job, byte[] file) {
        if (file.length >= 3 && (file[0] & 0xFF) == 0xEF && (file[1] & 0xFF) == 0xBB && (file[2] & 0xFF) == 0xBF) {
            return "Amazon Cognito is unable to parse the .csv file: it starts with a byte order mark.";
        }
        FakePool pool = api.poolOrThrow(job.poolId);
        if (pool.autoVerifiedAttributes.isEmpty()) {
            return "The user pool has no auto-verified attributes.";
        }
        String[] lines = new String(file, StandardCharsets.UTF_8).split("\r?\n");
        List<String> header = fields(lines[0]);
        Set<String> expected = new LinkedHashSet<>(columns(pool));
        if (!new LinkedHashSet<>(header).equals(expected) || header.size() != expected.size()) {
            return "Amazon Cognito is unable to parse the .csv file: its header is " + header + ", the user pool's "
                    + expected + ".";
        }
        for (int from = 1; from < lines.length; from += ROWS_PER_LOCK) {
            pool.lock.writeLock().lock();
            try {
                for (int line = from; line < Math.min(lines.length, from + ROWS_PER_LOCK); line++) {
                    if (!lines[line].isEmpty()) {
                        importLine(job, pool, header, line + 1, lines[line]);
                    }
                }
            } finally {
                pool.lock.writeLock().unlock();
            }
        }
        return null;
    }

    private void importLine(Job job, FakePool pool, List<String> header, int lineNumber, String line) {
        List<String> values = fields(line);
        if (values.size() != header.size()) {
            fail(job, lineNumber, "The line has " + values.size() + " fields, the header " + header.size() + ".");
            return;
        }
        Map<String, String> row = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            row.put(header.get(i), values.get(i).strip());
        }
        String username = row.remove(USERNAME);
        String mfa = row.remove(MFA_ENABLED).toLowerCase(Locale.ROOT);
        if (username.isEmpty() || username.chars().anyMatch(ch -> ch == ' ' || ch == '\t')) {
            fail(job, lineNumber, "The username field is empty or holds a space or tab.");
            return;
        }
        if (!mfa.equals("true") && !mfa.equals("false")) {
            fail(job, lineNumber, "The cognito:mfa_enabled field must be true or false.");
            return;
        }
        if (mfa.equals("true")) {
            // The fake's pools have MFA OFF: every user must have it off.
            fail(job, lineNumber, "MFA is OFF in the user pool, so cognito:mfa_enabled must be false.");
            return;
        }
        for (String flag : List.of("email_verified", "phone_number_verified")) {
            row.computeIfPresent(flag, (name, value) -> value.isEmpty() ? value : value.toLowerCase(Locale.ROOT));
        }
        if (pool.autoVerifiedAttributes.stream().noneMatch(name -> "true".equals(row.get(name + "_verified")))) {
            fail(job, lineNumber, "The User Record does not set any of the auto verified attributes to true. "
                    + "(Example: email_verified to true).");
            return;
        }
        for (String address : List.of("email", "phone_number")) {
            if ("true".equals(row.get(address + "_verified")) && row.getOrDefault(address, "").isEmpty()) {
                fail(job, lineNumber, address + "_verified is true without " + address + ".");
                return;
            }
        }
        String birthdate = row.getOrDefault("birthdate", "");
        if (!birthdate.isEmpty()) {
            Matcher date = US_DATE.matcher(birthdate);
            if (!date.matches()) {
                fail(job, lineNumber, "The birthdate must be mm/dd/yyyy.");
                return;
            }
            row.put("birthdate", date.group(3) + "-" + date.group(1) + "-" + date.group(2));
        }
        if (lineFaultRate > 0 && ThreadLocalRandom.current().nextDouble() < lineFaultRate) {
            fail(job, lineNumber, "The user couldn't be imported due to an internal error.");
            return;
        }
        List<String[]> attributes = new ArrayList<>();
        row.forEach((name, value) -> attributes.add(new String[] {name, value}));
        try {
            FakeUser user = api.createUser(pool, username, attributes, null, System.currentTimeMillis());
            user.status = UserStatusType.RESET_REQUIRED;
            job.imported++;
            job.log.add("[SUCCEEDED] Line Number " + lineNumber + " - The import succeeded.");
        } catch (CognitoException e) {
            if (e.type.equals("UsernameExistsException")) {
                job.skipped++;
                job.log.add("[SKIPPED] Line Number " + lineNumber + " - The user already exists.");
            } else {
                fail(job, lineNumber, e.getMessage().strip());
            }
        }
    }

    private static void fail(Job job, int lineNumber, String why) {
        job.failed++;
        job.log.add("[FAILED] Line Number " + lineNumber + " - " + why);
    }

    /** A line split at commas not escaped with a backslash; {@code \,} is a comma inside a value. */
    private static List<String> fields(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (ch == '\\' && i + 1 < line.length() && line.charAt(i + 1) == ',') {
                field.append(',');
                i++;
            } else if (ch == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(ch);
            }
        }
        fields.add(field.toString());
        return fields;
    }

    /** GetCSVHeader: the pool's attributes but sub and identities, then the two cognito: columns. */
    private static List<String> columns(FakePool pool) {
        List<String> columns = new ArrayList<>();
        for (SchemaAttribute attribute : pool.schema.values()) {
            if (!attribute.name.equals("sub") && !attribute.name.equals("identities")) {
                columns.add(attribute.name);
            }
        }
        columns.add(MFA_ENABLED);
        columns.add(USERNAME);
        return columns;
    }

    // ---------------------------------------------------------------- JSON and HTTP

    private byte[] answer(Job job) throws IOException {
        ObjectNode answer = mapper.createObjectNode();
        ObjectNode body = answer.putObject("UserImportJob");
        synchronized (job) {
            body.put("JobName", job.name).put("JobId", job.id).put("UserPoolId", job.poolId)
                    .put("PreSignedUrl", preSignedUrl(job).toString()).put("CreationDate", seconds(job.created))
                    .put("Status", job.status).put("CloudWatchLogsRoleArn", job.roleArn)
                    .put("ImportedUsers", job.imported).put("SkippedUsers", job.skipped).put("FailedUsers", job.failed);
            if (job.started > 0) {
                body.put("StartDate", seconds(job.started));
            }
            if (job.completed > 0) {
                body.put("CompletionDate", seconds(job.completed)).put("CompletionMessage", job.completionMessage);
            }
        }
        return mapper.writeValueAsBytes(answer);
    }

    private URI preSignedUrl(Job job) {
        return URI.create(fake.endpoint() + UPLOAD_PATH + job.id + "?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Expires="
                + urlLifetime.toSeconds() + "&X-Amz-SignedHeaders=host%3Bx-amz-server-side-encryption&X-Amz-Signature="
                + job.signature);
    }

    private static BigDecimal seconds(long epochMillis) {
        return BigDecimal.valueOf(epochMillis, 3);
    }

    private static void s3Error(HttpExchange exchange, int status, String code, String message) throws IOException {
        byte[] body = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + code + "</Code><Message>" + message
                + "</Message></Error>").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/xml");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private FakePool pool(JsonNode request) {
        return api.poolOrThrow(required(request, "UserPoolId"));
    }

    private Job job(JsonNode request) {
        String poolId = pool(request).id;
        Job job = jobs.get(required(request, "JobId"));
        if (job == null || !job.poolId.equals(poolId)) {
            throw new CognitoException("ResourceNotFoundException", 400, "Import job not found.");
        }
        return job;
    }

    private static String required(JsonNode request, String field) {
        JsonNode node = request.get(field);
        if (node == null || node.isNull() || node.asText().isEmpty()) {
            throw CognitoException.invalidParameter("1 validation error detected: Value null at '"
                    + Character.toLowerCase(field.charAt(0)) + field.substring(1) + "' failed to satisfy constraint: "
                    + "Member must not be null");
        }
        return node.asText();
    }

    private String token(int length) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }

    @Override
    public void close() {
        importer.shutdownNow();
    }
}
