package io.poolsync.deploy;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.marcnuri.helm.Helm;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;

/** Renders helm/poolsync with helm-java and parses the result strictly into fabric8 Kubernetes objects. */
final class ChartRenderer {

    static final Path CHART = ApplicationSettings.REPO.resolve("helm/poolsync");
    static final String RELEASE = "poolsync";
    static final String NAMESPACE = "cutover";
    /** A Kubernetes version the chart supports (helm-java's default is older than the chart's kubeVersion). */
    static final String KUBE_VERSION = "1.30.0";
    static final String SOURCE_POOL = "eu-west-1_SoUrCe123";
    static final String TARGET_POOL = "eu-central-1_TaRgEt456";

    /** The smallest values a real install needs: the two pool ids. */
    static final String REQUIRED_VALUES = """
            poolsync:
              source:
                poolId: %s
              target:
                poolId: %s
            """.formatted(SOURCE_POOL, TARGET_POOL);

    private static Process templateServer;

    private ChartRenderer() {
    }

    static Helm helm(Path chart) {
        return new Helm(chart);
    }

    /**
     * The manifests for the chart's defaults plus {@code values} (YAML) plus {@code sets} (--set), rendered by
     * {@link HelmTemplateServer}; an IllegalStateException with Helm's message when Helm refuses.
     */
    static String template(Path scratch, String values, Map<String, Object> sets) {
        return template(CHART, scratch, values, sets);
    }

    static synchronized String template(Path chart, Path scratch, String values, Map<String, Object> sets) {
        try {
            Path valuesFile = Files.createTempFile(scratch, "values", ".yaml");
            Files.writeString(valuesFile, values);
            Process server = templateServer();
            DataOutputStream request = new DataOutputStream(server.getOutputStream());
            request.writeUTF(chart.toString());
            request.writeUTF(RELEASE);
            request.writeUTF(NAMESPACE);
            request.writeUTF(KUBE_VERSION);
            request.writeUTF(valuesFile.toString());
            request.writeInt(sets.size());
            for (Map.Entry<String, Object> set : sets.entrySet()) {
                request.writeUTF(set.getKey());
                request.writeUTF(String.valueOf(set.getValue()));
            }
            request.flush();
            DataInputStream response = new DataInputStream(server.getInputStream());
            int status = response.readInt();
            String text = new String(response.readNBytes(response.readInt()), StandardCharsets.UTF_8);
            if (status != 0) {
                throw new IllegalStateException(text);
            }
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException("helm template server: " + e.getMessage(), e);
        }
    }

    private static Process templateServer() throws IOException {
        if (templateServer == null || !templateServer.isAlive()) {
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            ProcessBuilder builder = new ProcessBuilder(java.toString(), "-Xshare:auto", "-XX:TieredStopAtLevel=1",
                    "-cp", System.getProperty("java.class.path"), HelmTemplateServer.class.getName())
                    .redirectError(ProcessBuilder.Redirect.INHERIT);
            builder.environment().put("KUBECONFIG", FakeKubernetesApi.start().toString());
            templateServer = builder.start();
            Process started = templateServer;
            Runtime.getRuntime().addShutdownHook(new Thread(started::destroy));
        }
        return templateServer;
    }

    static Manifests render(Path scratch, String values) {
        return parse(template(scratch, values, Map.of()));
    }

    /**
     * Like {@link #render}, plus the {@code helm test} hooks: helm-java's template leaves hooks out, so they are
     * rendered from a copy of the chart whose test templates lost their hook annotations.
     */
    static Manifests renderWithTests(Path scratch, String values) {
        try {
            Path copy = scratch.resolve("chart-with-tests-as-manifests");
            try (var files = Files.walk(CHART)) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    Path target = copy.resolve(CHART.relativize(file).toString());
                    if (Files.isDirectory(file)) {
                        Files.createDirectories(target);
                    } else if (file.getParent().endsWith("templates/tests")) {
                        Files.writeString(target, Files.readString(file).lines()
                                .filter(line -> !line.contains("helm.sh/hook"))
                                .collect(java.util.stream.Collectors.joining("\n")));
                    } else {
                        Files.copy(file, target);
                    }
                }
            }
            return parse(template(copy, scratch, values, Map.of()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Every document as a typed fabric8 object. Jackson fails on a wrong type; a field Kubernetes doesn't know lands in
     * a model's additionalProperties, which must be empty everywhere (except in custom resources, which are generic).
     */
    static Manifests parse(String manifests) {
        List<HasMetadata> objects = new ArrayList<>();
        for (String document : manifests.split("(?m)^---\\s*$")) {
            if (document.lines().allMatch(line -> line.isBlank() || line.startsWith("#"))) {
                continue;
            }
            HasMetadata object = Serialization.unmarshal(document, HasMetadata.class);
            if (!(object instanceof GenericKubernetesResource)) {
                List<String> unknown = new ArrayList<>();
                unknownFields(object, object.getKind(), unknown, Collections.newSetFromMap(new IdentityHashMap<>()));
                if (!unknown.isEmpty()) {
                    throw new AssertionError(object.getKind() + " " + object.getMetadata().getName()
                            + " has fields Kubernetes doesn't know: " + unknown + "\n" + document);
                }
            }
            objects.add(object);
        }
        return new Manifests(objects);
    }

    private static void unknownFields(Object value, String path, List<String> unknown, Set<Object> seen) {
        if (value == null || !seen.add(value)) {
            return;
        }
        if (value instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                unknownFields(item, path + "[" + i++ + "]", unknown, seen);
            }
            return;
        }
        if (value instanceof Map<?, ?> entries) {
            entries.forEach((key, item) -> unknownFields(item, path + "." + key, unknown, seen));
            return;
        }
        if (!value.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        for (Method getter : value.getClass().getMethods()) {
            if (!getter.getName().startsWith("get") || getter.getParameterCount() > 0
                    || Modifier.isStatic(getter.getModifiers()) || getter.getDeclaringClass() == Object.class) {
                continue;
            }
            Object child;
            try {
                child = getter.invoke(value);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                if (child instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    unknown.add(path + " " + extra.keySet());
                }
            } else {
                unknownFields(child, path + "." + getter.getName().substring(3), unknown, seen);
            }
        }
    }

    record Manifests(List<HasMetadata> objects) {

        <T extends HasMetadata> List<T> all(Class<T> type) {
            return objects.stream().filter(type::isInstance).map(type::cast).toList();
        }

        <T extends HasMetadata> T one(Class<T> type) {
            List<T> found = all(type);
            if (found.size() != 1) {
                throw new AssertionError("expected one " + type.getSimpleName() + ", found " + found.size());
            }
            return found.get(0);
        }

        List<GenericKubernetesResource> custom(String apiVersion, String kind) {
            return all(GenericKubernetesResource.class).stream()
                    .filter(r -> apiVersion.equals(r.getApiVersion()) && kind.equals(r.getKind())).toList();
        }
    }
}
