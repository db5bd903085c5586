package io.poolsync.trigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.poolsync.testing.CognitoLocal;
import io.poolsync.testing.TestPools;

/**
 * The Lambda .zip that {@code package} builds, run the way the Lambda Java runtime runs it: unpacked, its root and
 * {@code lib/*.jar} as the whole class path (JDK aside, nothing of the build's), the handler made through its
 * constructor and called with the documented events against cognito-local. A class the function needs and the zip
 * lacks fails here rather than at the first sign-in in AWS.
 */
class MigrateUserLambdaZipIT {

    static final Path ZIP = Path.of("target", "poolsync-migrate-user-lambda.zip");
    static final String HANDLER = "io.poolsync.trigger.MigrateUserHandler";
    static final String PASSWORD = "Zip-5b7e-Passw0rd!";

    static CognitoLocal cognito;
    static TestPools pools;
    static String source;
    static TestPools.AppClient client;
    static Path unpacked;
    static URLClassLoader lambda;

    @BeforeAll
    static void unpackTheZipAndSeedTheSource() throws IOException {
        unpacked = Files.createTempDirectory("migrate-user-lambda");
        try (ZipFile zip = new ZipFile(ZIP.toFile())) {
            for (ZipEntry entry : zip.stream().filter(entry -> !entry.isDirectory()).toList()) {
                Path file = unpacked.resolve(entry.getName()).normalize();
                Files.createDirectories(file.getParent());
                try (InputStream in = zip.getInputStream(entry)) {
                    Files.copy(in, file);
                }
            }
        }
        List<URL> classPath = new ArrayList<>(List.of(url(unpacked)));
        try (Stream<Path> jars = Files.list(unpacked.resolve("lib"))) {
            jars.sorted().forEach(jar -> classPath.add(url(jar)));
        }
        lambda = new URLClassLoader(classPath.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());

        cognito = CognitoLocal.start();
        pools = new TestPools(cognito.client());
        source = pools.createPool("source", false, false);
        client = pools.createAdminAuthClient(source, false);
        pools.addUser(source, "alice", Map.of("email", "alice@example.com", "email_verified", "true"), true);
        pools.setPassword(source, "alice", PASSWORD);
        // What Lambda puts in the function's environment, read by the SDK's default credentials chain.
        System.setProperty("aws.accessKeyId", "local");
        System.setProperty("aws.secretAccessKey", "local");
    }

    @AfterAll
    static void cleanUp() throws IOException {
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
        if (cognito != null) {
            cognito.close();
        }
        if (lambda != null) {
            lambda.close();
        }
        try (Stream<Path> files = Files.walk(unpacked)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    @Test
    void holdsTheHandlerAndTheSdkAndNothingOfTheDaemon() throws IOException {
        assertThat(unpacked.resolve("io/poolsync/trigger/MigrateUserHandler.class")).isRegularFile();
        assertThat(unpacked.resolve("io/poolsync/mapping/AttributeRules.class")).isRegularFile();
        List<String> jars;
        try (Stream<Path> files = Files.list(unpacked.resolve("lib"))) {
            jars = files.map(jar -> jar.getFileName().toString()).toList();
        }
        assertThat(jars).anyMatch(jar -> jar.startsWith("aws-lambda-java-core-"))
                .anyMatch(jar -> jar.startsWith("cognitoidentityprovider-"))
                .anyMatch(jar -> jar.startsWith("url-connection-client-"))
                .noneMatch(jar -> jar.matches("(quarkus|vertx|netty|jackson-databind|apache|httpclient|smallrye|mapstruct).*"));
        assertThat(unpacked.resolve("io/poolsync/sync")).doesNotExist();
        assertThat(unpacked.resolve("io/poolsync/cognito")).doesNotExist();
    }

    @Test
    void migratesAUserRunFromTheZip() throws Exception {
        Class<?> handlerClass = lambda.loadClass(HANDLER);
        assertThat(handlerClass.getConstructor()).as("the runtime's public no-argument constructor").isNotNull();
        Class<?> contextType = lambda.loadClass("com.amazonaws.services.lambda.runtime.Context");
        List<String> logged = new ArrayList<>();
        Object context = context(contextType, logged);

        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(lambda);
        try (CapturedOutput output = new CapturedOutput()) {
            Constructor<?> constructor = handlerClass.getDeclaredConstructor(Map.class);
            constructor.setAccessible(true);
            Object handler = constructor.newInstance(Map.of("POOLSYNC_SOURCE_POOL_ID", source,
                    "POOLSYNC_SOURCE_ENDPOINT", cognito.endpoint().toString(), "POOLSYNC_SOURCE_CLIENT_ID", client.clientId(),
                    "POOLSYNC_MAPPING_SOURCE_SUB_ATTRIBUTE", "none"));
            Method handleRequest = handlerClass.getMethod("handleRequest", Map.class, contextType);

            JsonNode response = TriggerEvents.json(castToMap(
                    handleRequest.invoke(handler, TriggerEvents.authentication("alice", PASSWORD), context))).get("response");
            InvocationTargetException refused = catchThrowableOfType(InvocationTargetException.class,
                    () -> handleRequest.invoke(handler, TriggerEvents.authentication("alice", "Not-" + PASSWORD), context));

            assertThat(handler.getClass().getClassLoader()).isSameAs(lambda);
            assertThat(lambda.loadClass("software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient")
                    .getClassLoader()).as("the SDK from the zip's lib/").isSameAs(lambda);
            assertThat(response.get("userAttributes").get("email").asText()).isEqualTo("alice@example.com");
            assertThat(response.get("finalUserStatus").asText()).isEqualTo("CONFIRMED");
            assertThat(response.get("messageAction").asText()).isEqualTo("SUPPRESS");
            assertThat(refused.getCause().getClass().getName()).isEqualTo("io.poolsync.trigger.MigrationFailedException");
            assertThat(refused.getCause().getMessage()).isEqualTo("Incorrect username or password.");
            assertThat(logged).containsExactly("UserMigration_Authentication: alice migrated as CONFIRMED",
                    "UserMigration_Authentication: alice not migrated: the source pool refused the sign-in: "
                            + "InvalidPasswordException: Invalid password");
            assertThat(output.printed()).doesNotContain(PASSWORD);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castToMap(Object answer) {
        return (Map<String, Object>) answer;
    }

    /** The zip's own Context interface, implemented with a logger that keeps what the function logs. */
    private static Object context(Class<?> contextType, List<String> logged) throws ClassNotFoundException {
        Class<?> loggerType = lambda.loadClass("com.amazonaws.services.lambda.runtime.LambdaLogger");
        Object logger = Proxy.newProxyInstance(lambda, new Class<?>[] { loggerType }, (proxy, method, args) -> {
            if (method.getName().equals("log")) {
                logged.add(args[0] instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : (String) args[0]);
            }
            return null;
        });
        return Proxy.newProxyInstance(lambda, new Class<?>[] { contextType }, (proxy, method, args) -> switch (method.getName()) {
            case "getLogger" -> logger;
            case "getRemainingTimeInMillis" -> 5000;
            case "getMemoryLimitInMB" -> 1024;
            case "getAwsRequestId" -> "zip-test";
            case "getFunctionName" -> "poolsync-migrate-user";
            default -> null;
        });
    }

    private static URL url(Path path) {
        try {
            return path.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new UncheckedIOException(e);
        }
    }
}
