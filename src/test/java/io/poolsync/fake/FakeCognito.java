package io.poolsync.fake;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClientBuilder;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserStatusType;

/**
 * A quota-faithful fake of the Amazon Cognito user pools API (JSON 1.1 over HTTP), for tests.
 *
 * <pre>{@code
 * try (FakeCognito fake = FakeCognito.builder()
 *         .quotas(Quotas.cognitoDefaults().withRate(QuotaCategory.USER_LIST, 5))
 *         .latency(Duration.ofMillis(20)).faultRate(0.01).shortPages(true)
 *         .start()) {
 *     String pool = fake.seedPool("source", "source_sub");
 *     fake.seedUser(pool, "alice", Map.of("email", "alice@example.com"), true, UserStatusType.CONFIRMED);
 *     fake.client().listUsers(r -> r.userPoolId(pool));
 *     fake.stats().maxAcceptedInAnyWindow(QuotaCategory.USER_LIST);
 * }
 * }</pre>
 *
 * <ul>
 *   <li>One quota budget per {@link QuotaCategory} for the whole fake (one account, every pool); above it a call is
 *       answered HTTP 400 TooManyRequestsException. CreateUserPool is never throttled, so tests can always set up.</li>
 *   <li>ListUsers / ListUsersInGroup / ListGroups / AdminListGroupsForUser: Limit at most 60, opaque tokens, optional
 *       short pages; each call costs O(page), bounded by a scan budget, whatever the pool size.</li>
 *   <li>Latency, injected HTTP 500 InternalErrorException and dropped connections (before or after the call is
 *       applied) at configurable rates.</li>
 *   <li>Direct seeding and inspection methods that bypass HTTP and quotas.</li>
 *   <li>CSV user import jobs, the pre-signed upload URL served by the fake itself: see {@link FakeImportJobs}.</li>
 * </ul>
 * Not modelled: sign-in and tokens, the per-user limit of 10 reads and 10 writes a second, alias attributes
 * (AliasAttributes), messages (invites are only counted), eventual consistency of ListUsers.
 */
public final class FakeCognito implements AutoCloseable {

    private static final String TARGET_PREFIX = "AWSCognitoIdentityProviderService";

    /**
     * Outside a Quarkus test nothing configures JBoss LogManager, which then reports DEBUG enabled: Apache's wire log
     * renders every byte (and would print request bodies, passwords included) and the SDK logs every request, which
     * made a page of ListUsers ~10x slower. Same levels as the application's own configuration; kept referenced.
     */
    private static final List<java.util.logging.Logger> QUIET_LOGGERS = List.of(
            java.util.logging.Logger.getLogger("org.apache.http"),
            java.util.logging.Logger.getLogger("software.amazon.awssdk"));

    static {
        // The JDK server writes headers and body in separate packets; with Nagle's algorithm on, each answer then
        // waits for the client's delayed ACK (about 40 ms). Read once, when the JDK server classes first load.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
        for (java.util.logging.Logger logger : QUIET_LOGGERS) {
            if (logger.getLevel() == null || logger.getLevel().intValue() < java.util.logging.Level.WARNING.intValue()) {
                logger.setLevel(java.util.logging.Level.WARNING);
            }
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final URI endpoint;
    private final String region;
    private final CognitoApi api;
    private final FakeStats stats = new FakeStats();
    private volatile Quotas quotas;
    private volatile Map<QuotaCategory, QuotaLimiter> limiters;
    /** Per pool and operation, for the categories whose single operations Cognito caps per user pool. */
    private final Map<String, QuotaLimiter> perPoolLimiters = new ConcurrentHashMap<>();
    private volatile boolean getProvisionedLimitDenied;
    private volatile long latencyMinNanos;
    private volatile long latencyMaxNanos;
    private volatile double faultRate;
    private volatile double dropRate;
    private volatile double dropAfterApplyRate;
    private volatile boolean shortPages;
    private volatile int scanBudget;
    private final Map<String, AtomicInteger> answersToLose = new ConcurrentHashMap<>();
    private volatile java.util.function.Consumer<String> eventSink;
    private static final com.fasterxml.jackson.databind.ObjectMapper SINK_JSON = new com.fasterxml.jackson.databind.ObjectMapper();
    private final Random chaos; // faults, drops, short pages: one seeded sequence, so a sequential test is repeatable
    private CognitoIdentityProviderClient client;

    private FakeCognito(Builder builder) throws IOException {
        this.region = builder.region;
        quotas(builder.quotas);
        latency(builder.latencyMin, builder.latencyMax);
        faultRate(builder.faultRate);
        dropRate(builder.dropRate);
        dropAfterApplyRate(builder.dropAfterApplyRate);
        shortPages(builder.shortPages);
        scanBudget(builder.scanBudget);
        SplittableRandom random = new SplittableRandom(builder.seed);
        this.chaos = new Random(random.nextLong());
        this.api = new CognitoApi(this, region, random.nextLong(), new PageTokens(random.nextLong(), builder.tokenTtl));
        AtomicInteger threadNumber = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(builder.threads, builder.threads, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), runnable -> {
                    Thread thread = new Thread(runnable, "fake-cognito-" + threadNumber.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), builder.port), 1024);
        server.createContext("/", this::handle);
        server.createContext(FakeImportJobs.UPLOAD_PATH, api.importJobs()::upload);
        server.setExecutor(executor);
        server.start();
        this.endpoint = URI.create("http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort());
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A fake with Cognito's default quotas and no latency or faults. */
    public static FakeCognito start() {
        return builder().start();
    }

    public URI endpoint() {
        return endpoint;
    }

    public String region() {
        return region;
    }

    public FakeStats stats() {
        return stats;
    }

    /**
     * A shared SDK client for this fake with the SDK's default retry strategy (it retries throttling, 500s and dropped
     * connections a few times, as it would against Cognito). Closed with the fake.
     */
    public synchronized CognitoIdentityProviderClient client() {
        if (client == null) {
            client = clientBuilder().build();
        }
        return client;
    }

    /** A new client that never retries, so every throttle, fault and drop surfaces; the caller closes it. */
    public CognitoIdentityProviderClient clientWithoutRetries() {
        return clientBuilder().overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())).build();
    }

    /** A client builder pointed at this fake (static credentials, region {@link #region()}); the caller closes the client. */
    public CognitoIdentityProviderClientBuilder clientBuilder() {
        return CognitoIdentityProviderClient.builder()
                .endpointOverride(endpoint)
                .region(Region.of(region))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("fake", "fake")))
                .httpClientBuilder(ApacheHttpClient.builder().maxConnections(64));
    }

    // ---------------------------------------------------------------- runtime configuration

    public Quotas quotas() {
        return quotas;
    }

    /** Replaces the quotas (and resets every bucket to full). */
    public void quotas(Quotas quotas) {
        Objects.requireNonNull(quotas, "quotas");
        EnumMap<QuotaCategory, QuotaLimiter> fresh = new EnumMap<>(QuotaCategory.class);
        for (QuotaCategory category : QuotaCategory.values()) {
            quotas.rate(category).ifPresent(rps -> fresh.put(category, new QuotaLimiter(rps)));
        }
        this.limiters = fresh;
        perPoolLimiters.clear();
        this.quotas = quotas;
    }

    public void latency(Duration latency) {
        latency(latency, latency);
    }

    /** Answers GetProvisionedLimit AccessDeniedException, as for a caller without cognito-idp:GetProvisionedLimit. */
    public void denyGetProvisionedLimit(boolean denied) {
        this.getProvisionedLimitDenied = denied;
    }

    boolean getProvisionedLimitDenied() {
        return getProvisionedLimitDenied;
    }

    /** Each call waits a uniformly random time between {@code min} and {@code max} before it is answered. */
    public void latency(Duration min, Duration max) {
        if (min.isNegative() || max.compareTo(min) < 0) {
            throw new IllegalArgumentException("need 0 <= min <= max, got " + min + ", " + max);
        }
        this.latencyMinNanos = min.toNanos();
        this.latencyMaxNanos = max.toNanos();
    }

    /** Share of calls answered HTTP 500 InternalErrorException (not applied). */
    public void faultRate(double rate) {
        this.faultRate = checkRate(rate);
    }

    /** Share of calls whose connection is closed without an answer before the call is applied. */
    public void dropRate(double rate) {
        this.dropRate = checkRate(rate);
    }

    /** Share of calls that are applied and then lose their answer (connection closed): the retry sees the effect. */
    public void dropAfterApplyRate(double rate) {
        this.dropAfterApplyRate = checkRate(rate);
    }

    /**
     * The next {@code count} calls of {@code operation} that succeed are applied and then lose their answer (connection
     * closed), whatever the drop rates: the client's retry meets the effect of its own first attempt.
     */
    public void loseAnswers(String operation, int count) {
        answersToLose.computeIfAbsent(operation, op -> new AtomicInteger()).addAndGet(count);
    }

    /** How long an import job's pre-signed URL takes the file (default 15 minutes, as in Cognito). */
    public void importUrlLifetime(Duration lifetime) {
        api.importJobs().urlLifetime(lifetime);
    }

    /** Share of import lines that fail with Cognito's per-user "internal error"; the job goes on. */
    public void importFaultRate(double rate) {
        api.importJobs().lineFaultRate(checkRate(rate));
    }

    /** Each line's outcome of an import job, as Cognito logs them to CloudWatch Logs. */
    public List<String> importLog(String jobId) {
        return api.importJobs().log(jobId);
    }

    /** With short pages on, list operations return a random 0..Limit items per page while more remain. */
    public void shortPages(boolean on) {
        this.shortPages = on;
    }

    /** Slots a filtered ListUsers call examines at most before it answers a (possibly empty) page with a token. */
    public void scanBudget(int slots) {
        if (slots < 1) {
            throw new IllegalArgumentException("scan budget must be >= 1");
        }
        this.scanBudget = slots;
    }

    boolean shortPages() {
        return shortPages;
    }

    /** A page size for short-pages mode: uniformly 0..limit. */
    int shortPageSize(int limit) {
        return chaos.nextInt(limit + 1);
    }

    int scanBudget() {
        return scanBudget;
    }

    private static double checkRate(double rate) {
        if (rate < 0 || rate > 1) {
            throw new IllegalArgumentException("rate must be within [0, 1], got " + rate);
        }
        return rate;
    }

    // ---------------------------------------------------------------- seeding and inspection (no HTTP, no quota)

    /** Creates a pool that signs in by username, with mutable String custom attributes (names without "custom:"). */
    public String seedPool(String name, String... customAttributes) {
        return seedPool(name, List.of(), customAttributes);
    }

    /** Creates a pool with the given UsernameAttributes (e.g. List.of("email")) and mutable String custom attributes. */
    public String seedPool(String name, List<String> usernameAttributes, String... customAttributes) {
        ObjectNode request = JsonNodeFactory.instance.objectNode();
        request.put("PoolName", name);
        usernameAttributes.forEach(request.putArray("UsernameAttributes")::add);
        for (String custom : customAttributes) {
            request.withArray("Schema").addObject().put("Name", custom).put("AttributeDataType", "String").put("Mutable", true);
        }
        try {
            FakePool pool = api.newPool(request);
            api.addPool(pool);
            return pool.id;
        } catch (CognitoException e) {
            throw new IllegalArgumentException(e.type + ": " + e.getMessage(), e);
        }
    }

    /**
     * Where the fake puts, for each user write it takes over HTTP, the CloudTrail event of that call in its EventBridge
     * envelope ({@link CloudTrailEvent}), as an EventBridge rule would put it on a queue; null (the default) for none.
     * Seeding methods bypass it, as they bypass HTTP.
     */
    public void eventSink(java.util.function.Consumer<String> sink) {
        this.eventSink = sink;
    }

    /**
     * Adds a user directly, with AdminCreateUser's checks (schema, uniqueness) but no HTTP, quota, latency or fault.
     * In a pool that signs in by email or phone, {@code username} is the email / phone and the stored username is the
     * generated sub, as in Cognito. {@code attributes} may hold an explicit "sub". O(1); returns the stored username.
     */
    public String seedUser(String poolId, String username, Map<String, String> attributes, boolean enabled,
                           UserStatusType status) {
        FakePool pool = pool(poolId);
        List<String[]> pairs = new ArrayList<>(attributes.size());
        String sub = null;
        for (Map.Entry<String, String> attribute : attributes.entrySet()) {
            if (attribute.getKey().equals("sub")) {
                sub = UUID.fromString(attribute.getValue()).toString();
            } else {
                pairs.add(new String[] {attribute.getKey(), attribute.getValue()});
            }
        }
        long now = System.currentTimeMillis();
        pool.lock.writeLock().lock();
        try {
            if (sub != null && pool.findBySub(sub) != null) {
                throw new IllegalArgumentException("sub " + sub + " already used in " + poolId);
            }
            FakeUser user = api.createUser(pool, username, pairs, sub, now);
            user.enabled = enabled;
            user.status = Objects.requireNonNull(status, "status");
            return user.username;
        } catch (CognitoException e) {
            throw new IllegalArgumentException(e.type + ": " + e.getMessage(), e);
        } finally {
            pool.lock.writeLock().unlock();
        }
    }

    /**
     * Fills an empty pool with {@code count} users computed by {@code generator} on each read, so a pool of ten
     * million costs no memory; a user is stored once it is written. Only for pools that don't sign in by email or phone.
     */
    public void seedGeneratedUsers(String poolId, int count, UserGenerator generator) {
        FakePool pool = pool(poolId);
        pool.lock.writeLock().lock();
        try {
            pool.generate(count, generator, System.currentTimeMillis());
        } finally {
            pool.lock.writeLock().unlock();
        }
    }

    public void seedGroup(String poolId, String groupName, String description, Integer precedence) {
        FakePool pool = pool(poolId);
        pool.lock.writeLock().lock();
        try {
            if (pool.groups.containsKey(groupName)) {
                throw new IllegalArgumentException("group " + groupName + " exists in " + poolId);
            }
            FakePool.FakeGroup group = new FakePool.FakeGroup(groupName, System.currentTimeMillis());
            group.description = description;
            group.precedence = precedence;
            pool.groups.put(groupName, group);
        } finally {
            pool.lock.writeLock().unlock();
        }
    }

    public void seedMembership(String poolId, String groupName, String username) {
        FakePool pool = pool(poolId);
        pool.lock.writeLock().lock();
        try {
            FakePool.FakeGroup group = pool.groups.get(groupName);
            FakeUser user = pool.find(username);
            if (group == null || user == null) {
                throw new IllegalArgumentException("no group " + groupName + " or no user " + username + " in " + poolId);
            }
            group.members.put(user.seq, user);
        } finally {
            pool.lock.writeLock().unlock();
        }
    }

    /** Adds an app client to a pool, as CreateUserPoolClient does; returns its ClientId. */
    public String seedAppClient(String poolId, String clientName, List<String> explicitAuthFlows) {
        FakePool pool = pool(poolId);
        pool.lock.writeLock().lock();
        try {
            String clientId = "client" + (pool.appClients.size() + 1);
            pool.appClients.put(clientId, new FakePool.AppClient(clientId, clientName, List.copyOf(explicitAuthFlows)));
            return clientId;
        } finally {
            pool.lock.writeLock().unlock();
        }
    }

    /** Adds an identity provider to a pool, as CreateIdentityProvider does. */
    public void seedIdentityProvider(String poolId, String name, String type) {
        FakePool pool = pool(poolId);
        pool.lock.writeLock().lock();
        try {
            if (!FakeSignIn.PROVIDER_TYPES.contains(type) || pool.identityProviders.containsKey(name)) {
                throw new IllegalArgumentException("bad type " + type + " or provider " + name + " exists in " + poolId);
            }
            pool.identityProviders.put(name, new FakeSignIn.Provider(name, type, Map.of(), Map.of(), List.of(),
                    System.currentTimeMillis()));
        } finally {
            pool.lock.writeLock().unlock();
        }
    }

    /**
     * Adds a user as Cognito creates one at a first federated sign-in: named {@code <provider>_<subject>},
     * EXTERNAL_PROVIDER, its identity in {@code identities} as the primary one. Returns the username.
     */
    public String seedFederatedUser(String poolId, String provider, String providerType, String subject,
                                    Map<String, String> attributes) {
        String username = seedUser(poolId, provider + "_" + subject, attributes, true, UserStatusType.EXTERNAL_PROVIDER);
        seedIdentity(poolId, username, provider, providerType, subject, true);
        return username;
    }

    /** Links one more identity to a user, as AdminLinkProviderForUser does, without its checks. */
    public void seedIdentity(String poolId, String username, String provider, String providerType, String subject) {
        seedIdentity(poolId, username, provider, providerType, subject, false);
    }

    private void seedIdentity(String poolId, String username, String provider, String providerType, String subject,
                              boolean primary) {
        FakePool pool = pool(poolId);
        pool.lock.writeLock().lock();
        try {
            FakeUser user = pool.find(username);
            if (user == null) {
                throw new IllegalArgumentException("no user " + username + " in " + poolId);
            }
            api.signIn().seedIdentity(pool, user, provider, providerType, subject, primary);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } finally {
            pool.lock.writeLock().unlock();
        }
    }

    /** Sets the pool's MFA configuration and factors, as SetUserPoolMfaConfig does. */
    public void seedPoolMfa(String poolId, String mfaConfiguration, boolean sms, boolean email, boolean totp) {
        FakePool pool = pool(poolId);
        pool.lock.writeLock().lock();
        try {
            pool.mfaConfiguration = mfaConfiguration;
            pool.smsCallerArn = sms ? "arn:aws:iam::000000000000:role/cognito-sms" : null;
            pool.emailMfa = email;
            pool.totpMfa = totp;
        } finally {
            pool.lock.writeLock().unlock();
        }
    }

    /**
     * Sets a user's MFA factors ({@code SMS_MFA}, {@code EMAIL_OTP}, {@code SOFTWARE_TOKEN_MFA}) and preferred factor
     * (may be null) as if the user had set them up; a TOTP authenticator counts as verified.
     */
    public void seedUserMfa(String poolId, String username, List<String> enabled, String preferred) {
        FakePool pool = pool(poolId);
        pool.lock.writeLock().lock();
        try {
            FakeUser user = pool.find(username);
            if (user == null) {
                throw new IllegalArgumentException("no user " + username + " in " + poolId);
            }
            user.mfaEnabled = enabled.toArray(String[]::new);
            user.preferredMfa = preferred;
            user.softwareTokenVerified = enabled.contains(FakeSignIn.TOTP);
        } finally {
            pool.lock.writeLock().unlock();
        }
    }

    /** A user's MFA settings: UserMFASettingList and PreferredMfaSetting (null when none). */
    public record UserMfa(List<String> enabled, String preferred) {
    }

    public Optional<UserMfa> userMfa(String poolId, String usernameOrAlias) {
        FakePool pool = pool(poolId);
        pool.lock.readLock().lock();
        try {
            FakeUser user = pool.find(usernameOrAlias);
            return user == null ? Optional.empty() : Optional.of(new UserMfa(List.of(user.mfaEnabled), user.preferredMfa));
        } finally {
            pool.lock.readLock().unlock();
        }
    }

    /** A snapshot of a user, found by username, sign-in alias or sub. */
    public Optional<FakeUserView> user(String poolId, String usernameOrAlias) {
        FakePool pool = pool(poolId);
        pool.lock.readLock().lock();
        try {
            FakeUser user = pool.find(usernameOrAlias);
            if (user == null) {
                return Optional.empty();
            }
            Map<String, String> attributes = new LinkedHashMap<>();
            attributes.put("sub", user.sub());
            for (int i = 0; i < user.attributes.length; i += 2) {
                attributes.put(user.attributes[i], user.attributes[i + 1]);
            }
            List<String> groups = new ArrayList<>();
            pool.groups.values().stream().filter(g -> g.members.containsKey(user.seq)).forEach(g -> groups.add(g.name));
            return Optional.of(new FakeUserView(user.username, user.sub(), Collections.unmodifiableMap(attributes),
                    user.enabled, user.status, Instant.ofEpochMilli(user.created), Instant.ofEpochMilli(user.modified),
                    List.copyOf(groups)));
        } finally {
            pool.lock.readLock().unlock();
        }
    }

    public int userCount(String poolId) {
        FakePool pool = pool(poolId);
        pool.lock.readLock().lock();
        try {
            return pool.userCount();
        } finally {
            pool.lock.readLock().unlock();
        }
    }

    /** Users of the pool in {@code status}. */
    public int userCount(String poolId, UserStatusType status) {
        FakePool pool = pool(poolId);
        pool.lock.readLock().lock();
        try {
            int count = 0;
            for (int seq = 0; seq < pool.slotCount(); seq++) {
                FakeUser user = pool.slot(seq);
                count += user != null && user.status == status ? 1 : 0;
            }
            return count;
        } finally {
            pool.lock.readLock().unlock();
        }
    }

    /** Usernames of a group's members, in the order ListUsersInGroup returns them. */
    public List<String> groupMembers(String poolId, String groupName) {
        FakePool pool = pool(poolId);
        pool.lock.readLock().lock();
        try {
            FakePool.FakeGroup group = pool.groups.get(groupName);
            if (group == null) {
                throw new IllegalArgumentException("no group " + groupName + " in " + poolId);
            }
            return group.members.values().stream().map(u -> u.username).toList();
        } finally {
            pool.lock.readLock().unlock();
        }
    }

    private FakePool pool(String poolId) {
        try {
            return api.poolOrThrow(poolId);
        } catch (CognitoException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    // ---------------------------------------------------------------- HTTP

    private void handle(HttpExchange exchange) {
        try {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            int dot = target == null ? -1 : target.indexOf('.');
            if (!"POST".equals(exchange.getRequestMethod()) || dot < 0 || !TARGET_PREFIX.equals(target.substring(0, dot))) {
                send(exchange, CognitoException.unknownOperation(String.valueOf(target)));
                return;
            }
            String operation = target.substring(dot + 1);
            stats.recordCall(operation);
            Optional<QuotaCategory> category = QuotaCategory.of(operation);
            if (category.isPresent() && !(admitToPool(category.get(), operation, body) && admit(category.get()))) {
                stats.recordThrottled(operation);
                delay();
                send(exchange, CognitoException.tooManyRequests());
                return;
            }
            delay();
            boolean exempt = operation.equals("CreateUserPool");
            double roll = faultRate + dropRate > 0 ? chaos.nextDouble() : 1;
            if (!exempt && roll < faultRate) {
                stats.recordFault(operation);
                send(exchange, CognitoException.internalError("Injected fault (FakeCognito)"));
                return;
            }
            if (!exempt && roll < faultRate + dropRate) {
                stats.recordDrop(operation);
                return; // closing the exchange without a response closes the connection
            }
            java.util.function.Consumer<String> sink = CloudTrailEvent.USER_WRITES.contains(operation) ? eventSink : null;
            // The sub of a user about to be deleted is only known before the call.
            Optional<String[]> before = sink == null ? Optional.empty() : poolAndSub(body);
            byte[] response = api.handle(operation, body);
            if (sink != null) {
                before.or(() -> poolAndSub(body)).ifPresent(ids -> sink.accept(
                        CloudTrailEvent.of(operation, ids[0], ids[1], region, Instant.now())));
            }
            boolean dropAfterApply = loseAnswer(operation)
                    || (dropAfterApplyRate > 0 && chaos.nextDouble() < dropAfterApplyRate);
            if (!exempt && dropAfterApply) {
                stats.recordDrop(operation);
                return;
            }
            send(exchange, 200, response);
        } catch (CognitoException e) {
            send(exchange, e);
        } catch (JsonProcessingException e) {
            send(exchange, new CognitoException("SerializationException", 400, "Malformed JSON: " + e.getOriginalMessage()));
        } catch (IOException e) {
            // the client went away; nothing to answer
        } catch (RuntimeException e) {
            send(exchange, CognitoException.internalError("FakeCognito failed: " + e));
        } finally {
            exchange.close();
        }
    }

    /** The pool id and the sub of the user a request names, if that user exists. */
    private Optional<String[]> poolAndSub(byte[] body) {
        try {
            com.fasterxml.jackson.databind.JsonNode request = SINK_JSON.readTree(body);
            String poolId = request.path("UserPoolId").asText();
            return user(poolId, request.path("Username").asText()).map(user -> new String[] {poolId, user.sub()});
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private boolean loseAnswer(String operation) {
        AtomicInteger left = answersToLose.get(operation);
        return left != null && left.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
    }

    /**
     * The page's footnote: a single operation of UserPoolResourceRead or UserPoolResourceUpdate is held to 5 RPS per
     * user pool, within the category's account-wide quota. Applied only while the category itself is limited.
     */
    private boolean admitToPool(QuotaCategory category, String operation, byte[] body) {
        if (category.row().perPoolOperationRps().isEmpty() || !limiters.containsKey(category)) {
            return true;
        }
        String poolId = POOL_ID.matcher(new String(body, StandardCharsets.UTF_8)).results()
                .map(match -> match.group(1)).findFirst().orElse("");
        QuotaLimiter limiter = perPoolLimiters.computeIfAbsent(poolId + "/" + operation,
                key -> new QuotaLimiter(category.row().perPoolOperationRps().getAsInt()));
        synchronized (limiter) {
            return limiter.tryAcquire(System.nanoTime());
        }
    }

    private static final java.util.regex.Pattern POOL_ID = java.util.regex.Pattern.compile("\"UserPoolId\"\\s*:\\s*\"([^\"]+)\"");

    /** Spends a token of the category's bucket, if limited, and records the accepted call. */
    private boolean admit(QuotaCategory category) {
        QuotaLimiter limiter = limiters.get(category);
        if (limiter == null) {
            stats.recordAccepted(category, System.nanoTime());
            return true;
        }
        synchronized (limiter) { // one clock reading, bucket and statistics in the same order
            long now = System.nanoTime();
            if (!limiter.tryAcquire(now)) {
                return false;
            }
            stats.recordAccepted(category, now);
            return true;
        }
    }

    private void delay() {
        long min = latencyMinNanos;
        long max = latencyMaxNanos;
        if (max <= 0) {
            return;
        }
        long nanos = max == min ? min : ThreadLocalRandom.current().nextLong(min, max + 1);
        try {
            TimeUnit.NANOSECONDS.sleep(nanos); // simulated service time, not synchronisation
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void send(HttpExchange exchange, CognitoException error) {
        String body = JsonNodeFactory.instance.objectNode().put("__type", error.type).put("message", error.getMessage()).toString();
        send(exchange, error.status, body.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange exchange, int status, byte[] body) {
        try {
            exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
            exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            if (client != null) {
                client.close();
                client = null;
            }
        }
        server.stop(0);
        executor.shutdownNow();
        api.importJobs().close();
    }

    /** Configuration for {@link FakeCognito}; every setting can also be changed on a running fake. */
    public static final class Builder {
        private String region = "local";
        private Quotas quotas = Quotas.cognitoDefaults();
        private Duration latencyMin = Duration.ZERO;
        private Duration latencyMax = Duration.ZERO;
        private double faultRate;
        private double dropRate;
        private double dropAfterApplyRate;
        private boolean shortPages;
        private int scanBudget = 20_000;
        private Duration tokenTtl = Duration.ofHours(1);
        private int threads = 32;
        private int port;
        private long seed = System.nanoTime();

        private Builder() {
        }

        /** Region used in pool IDs ("local_AbC123xyz") and by {@link #client()}; default "local". */
        public Builder region(String region) {
            this.region = Objects.requireNonNull(region);
            return this;
        }

        /** Default {@link Quotas#cognitoDefaults()}; {@link Quotas#unlimited()} turns throttling off. */
        public Builder quotas(Quotas quotas) {
            this.quotas = Objects.requireNonNull(quotas);
            return this;
        }

        public Builder latency(Duration latency) {
            return latency(latency, latency);
        }

        public Builder latency(Duration min, Duration max) {
            this.latencyMin = min;
            this.latencyMax = max;
            return this;
        }

        public Builder faultRate(double rate) {
            this.faultRate = checkRate(rate);
            return this;
        }

        public Builder dropRate(double rate) {
            this.dropRate = checkRate(rate);
            return this;
        }

        public Builder dropAfterApplyRate(double rate) {
            this.dropAfterApplyRate = checkRate(rate);
            return this;
        }

        public Builder shortPages(boolean on) {
            this.shortPages = on;
            return this;
        }

        /** Slots a filtered ListUsers call examines at most (default 20,000), which keeps every call O(page). */
        public Builder scanBudget(int slots) {
            this.scanBudget = slots;
            return this;
        }

        /** Lifetime of pagination tokens (default one hour, like Cognito). */
        public Builder paginationTokenTtl(Duration ttl) {
            this.tokenTtl = Objects.requireNonNull(ttl);
            return this;
        }

        /** HTTP worker threads (default 32); latency holds a thread per call in flight. */
        public Builder threads(int threads) {
            this.threads = threads;
            return this;
        }

        /** Port to listen on, on the loopback address; default 0 (any free port). */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** Seed for pool IDs, subs, token secrets, and the fault / drop / short-page draws. */
        public Builder randomSeed(long seed) {
            this.seed = seed;
            return this;
        }

        public FakeCognito start() {
            try {
                return new FakeCognito(this);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
