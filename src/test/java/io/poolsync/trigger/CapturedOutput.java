package io.poolsync.trigger;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Everything printed to standard output and error, and every log record of every level from the AWS SDK, while it is
 * open: where a password could leak besides the function's own log. Printed output still reaches the console.
 */
final class CapturedOutput implements AutoCloseable {

    private static final Logger SDK = Logger.getLogger("software.amazon.awssdk");

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final List<String> sdkRecords = new ArrayList<>();
    private final PrintStream out = System.out;
    private final PrintStream err = System.err;
    private final Level sdkLevel = SDK.getLevel();
    private final boolean sdkToConsole = SDK.getUseParentHandlers();
    private final Handler handler = new Handler() {
        private final SimpleFormatter formatter = new SimpleFormatter();

        @Override
        public void publish(LogRecord record) {
            synchronized (sdkRecords) {
                sdkRecords.add(record.getLoggerName() + " " + formatter.format(record));
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    CapturedOutput() {
        System.setOut(new PrintStream(new Tee(out), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new Tee(err), true, StandardCharsets.UTF_8));
        handler.setLevel(Level.ALL);
        SDK.setLevel(Level.ALL);
        // Every level of the SDK goes to the capture only: on the console it would bury the build's output.
        SDK.setUseParentHandlers(false);
        SDK.addHandler(handler);
    }

    String printed() {
        synchronized (printed) {
            return printed.toString(StandardCharsets.UTF_8);
        }
    }

    List<String> sdkRecords() {
        synchronized (sdkRecords) {
            return List.copyOf(sdkRecords);
        }
    }

    @Override
    public void close() {
        System.setOut(out);
        System.setErr(err);
        SDK.removeHandler(handler);
        SDK.setUseParentHandlers(sdkToConsole);
        SDK.setLevel(sdkLevel);
    }

    private final class Tee extends OutputStream {
        private final OutputStream console;

        Tee(OutputStream console) {
            this.console = console;
        }

        @Override
        public void write(int b) {
            synchronized (printed) {
                printed.write(b);
            }
            try {
                console.write(b);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            synchronized (printed) {
                printed.write(bytes, offset, length);
            }
            try {
                console.write(bytes, offset, length);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
