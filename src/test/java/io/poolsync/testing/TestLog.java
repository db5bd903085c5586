package io.poolsync.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.microprofile.config.ConfigProvider;

/** The running application's log file, for a {@code @QuarkusTest} to read back: one per test JVM (see the pom). */
public final class TestLog {

    private TestLog() {
    }

    public static String read() throws IOException {
        return Files.readString(Path.of(ConfigProvider.getConfig().getValue("quarkus.log.file.path", String.class)));
    }
}
