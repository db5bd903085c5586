package io.poolsync.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The two Kubernetes API calls behind the chart's {@code lookup} of its own Secret: discovery of v1 and a GET of one
 * Secret. helm-java renders templates as an install that may talk to a cluster, so {@code lookup} needs an API to
 * answer; this one holds the Secrets a test puts in it, which also lets a test play an upgrade.
 * {@link HelmTemplateServer} runs with KUBECONFIG pointing here.
 */
final class FakeKubernetesApi {

    /** Secrets by namespace/name, as the JSON the API would return. */
    private static final Map<String, String> SECRETS = new ConcurrentHashMap<>();
    private static HttpServer server;

    private FakeKubernetesApi() {
    }

    private static Path kubeconfig;

    /** Starts the API once; the kubeconfig that points at it. */
    static synchronized Path start() {
        if (server != null) {
            return kubeconfig;
        }
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", FakeKubernetesApi::handle);
            server.start();
            kubeconfig = Files.createTempFile("poolsync-deploy-kubeconfig", ".yaml");
            kubeconfig.toFile().deleteOnExit();
            Files.writeString(kubeconfig, """
                    apiVersion: v1
                    kind: Config
                    clusters:
                      - name: fake
                        cluster:
                          server: http://127.0.0.1:%d
                    users:
                      - name: fake
                        user:
                          token: fake
                    contexts:
                      - name: fake
                        context:
                          cluster: fake
                          user: fake
                    current-context: fake
                    """.formatted(server.getAddress().getPort()));
            return kubeconfig;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void putSecret(String namespace, String name, String key, String base64Value) {
        SECRETS.put(namespace + "/" + name, """
                {"apiVersion": "v1", "kind": "Secret", "type": "Opaque",
                 "metadata": {"name": "%s", "namespace": "%s"}, "data": {"%s": "%s"}}
                """.formatted(name, namespace, key, base64Value));
    }

    static void clear() {
        SECRETS.clear();
    }

    private static void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String[] parts = path.split("/");
        if (path.equals("/api/v1")) {
            respond(exchange, 200, """
                    {"kind": "APIResourceList", "apiVersion": "v1", "groupVersion": "v1", "resources": [
                      {"name": "secrets", "singularName": "secret", "namespaced": true, "kind": "Secret",
                       "verbs": ["get", "list"]}]}
                    """);
        } else if (parts.length == 7 && path.startsWith("/api/v1/namespaces/") && parts[5].equals("secrets")
                && SECRETS.containsKey(parts[4] + "/" + parts[6])) {
            respond(exchange, 200, SECRETS.get(parts[4] + "/" + parts[6]));
        } else {
            respond(exchange, 404, """
                    {"kind": "Status", "apiVersion": "v1", "status": "Failure", "reason": "NotFound", "code": 404,
                     "message": "not found"}
                    """);
        }
    }

    private static void respond(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }
}
