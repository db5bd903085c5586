package io.poolsync.deploy;

import java.io.IOException;
import java.io.Reader;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

import io.poolsync.config.PoolsyncConfig;
import io.smallrye.config.WithName;

/** What the deployment must agree with, read from the application itself: its ports and its settings' names. */
final class ApplicationSettings {

    static final Path REPO = Path.of("").toAbsolutePath();

    private ApplicationSettings() {
    }

    static Properties applicationProperties() {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(REPO.resolve("src/main/resources/application.properties"))) {
            properties.load(reader);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return properties;
    }

    static int httpPort() {
        return Integer.parseInt(applicationProperties().getProperty("quarkus.http.port"));
    }

    static int managementPort() {
        return Integer.parseInt(applicationProperties().getProperty("quarkus.management.port"));
    }

    /**
     * The environment variable of every property of {@link PoolsyncConfig}: the mapping's method names in kebab-case
     * (or their {@code @WithName}), joined with dots, then upper snake case, as SmallRye Config maps them.
     */
    static Set<String> environmentVariables() {
        Set<String> names = new TreeSet<>();
        collect("poolsync", PoolsyncConfig.class, names);
        collect("poolsync.events", io.poolsync.events.EventsConfig.class, names);
        return names;
    }

    /**
     * Settings the chart sets before the application reads them: job mode's POOLSYNC_EXIT_AFTER_RUN (issue 6 asks the
     * chart for it; PoolsyncConfig has no exit-after-run yet). A separate test checks it once the property exists.
     */
    static final Set<String> PENDING = Set.of("POOLSYNC_EXIT_AFTER_RUN");

    static Set<String> environmentVariablesOrPending() {
        Set<String> names = environmentVariables();
        names.addAll(PENDING);
        return names;
    }

    static boolean hasProperty(String property) {
        return environmentVariables().contains(toEnvironmentVariable(property));
    }

    static String toEnvironmentVariable(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase();
    }

    private static void collect(String prefix, Class<?> mapping, Set<String> names) {
        for (Method method : mapping.getMethods()) {
            if (method.isDefault() || java.lang.reflect.Modifier.isStatic(method.getModifiers())
                    || method.getParameterCount() > 0) {
                continue;
            }
            WithName withName = method.getAnnotation(WithName.class);
            String property = prefix + "." + (withName != null ? withName.value() : kebab(method.getName()));
            Class<?> type = method.getReturnType();
            if (type.isInterface() && type.getEnclosingClass() == PoolsyncConfig.class) {
                collect(property, type, names);
            } else {
                names.add(toEnvironmentVariable(property));
            }
        }
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
    }
}
