package io.poolsync.throughput;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.poolsync.testing.Poll;

/**
 * The packaged daemon ({@code target/quarkus-app/quarkus-run.jar}) as a child JVM with a 1 GiB heap, driven the way a
 * pipeline drives it: {@code POST /sync} with the bearer token, then {@code GET /sync/runs/{id}} until it is done. Heap
 * is sampled from the management port's Prometheus metrics while the run lasts.
 */
final class PoolsyncProcess implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration SAMPLE_EVERY = Duration.ofMillis(500);

    private final Process process;
    private final URI api;
    private final URI management;
    private final String token;
    private final HttpClient http = HttpClient.newHttpClient();

    /**
     * What one run did, as poolsync reports it, and what it cost the daemon's JVM.
     *
     * @param peakHeapBytes    the most heap in use at a sample, garbage included
     * @param peakOldGenBytes  the most old-generation heap in use at a sample: where a long-lived index ends up
     * @param gcPause          time the JVM spent in GC pauses during the run
     */
    record Outcome(JsonNode run, Duration wall, long peakHeapBytes, long peakOldGenBytes, Duration gcPause, Duration cpu) {

        long counter(String name) {
            return run.path("counters").path(name).asLong();
        }

        String phase() {
            return run.path("phase").asText();
        }
    }

    private PoolsyncProcess(Process process, URI api, URI management, String token) {
        this.process = process;
        this.api = api;
        this.management = management;
        this.token = token;
    }

    /**
     * Starts the daemon with these {@code poolsync.*} settings plus the ports, scheduling off and the token, and waits
     * until it is ready (both pools reachable).
     */
    static PoolsyncProcess start(Path jar, Map<String, String> settings, Path log) {
        int apiPort = freePort();
        int managementPort = freePort();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-Dquarkus.http.port=" + apiPort, "-Dquarkus.management.port=" + managementPort,
                "-Dpoolsync.schedule.cron=off", "-Dpoolsync.schedule.run-on-start=false"));
        settings.forEach((name, value) -> command.add("-D" + name + "=" + value));
        String daemonOpts = System.getProperty("bench.daemon-java-opts", "").strip();
        if (!daemonOpts.isEmpty()) {
            command.addAll(List.of(daemonOpts.split("\\s+")));
        }
        command.add("-jar");
        command.add(jar.toString());
        // The token travels in the environment, not the command line, where ps would show it.
        byte[] secret = new byte[16];
        new SecureRandom().nextBytes(secret);
        String token = HexFormat.of().formatHex(secret);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("POOLSYNC_API_TOKEN", token);
        builder.environment().put("AWS_ACCESS_KEY_ID", "bench"); // the fake accepts any credentials
        builder.environment().put("AWS_SECRET_ACCESS_KEY", "bench");
        try {
            PoolsyncProcess poolsync = new PoolsyncProcess(builder.start(), URI.create("http://127.0.0.1:" + apiPort),
                    URI.create("http://127.0.0.1:" + managementPort), token);
            Poll.until(Duration.ofMinutes(2), poolsync::ready, ready -> ready || !poolsync.process.isAlive(),
                    "poolsync to be ready (log: " + log + ")");
            if (!poolsync.process.isAlive()) {
                throw new IllegalStateException("poolsync exited with " + poolsync.process.exitValue() + "; see " + log);
            }
            // The start-up pre-flight reads the source once more on UserList; a run started beside it shares that
            // quota with it, and the benchmark measures the run. An operator reads the report before the first run.
            Poll.until(Duration.ofMinutes(30), poolsync::preflightStatus, status -> status != 503,
                    "the start-up pre-flight to finish (log: " + log + ")");
            return poolsync;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs one sync and waits for it, printing progress every {@code progressEvery}. */
    Outcome sync(Duration deadline, Duration progressEvery) {
        HeapSamples heap = new HeapSamples();
        AtomicLong lastProgress = new AtomicLong(System.nanoTime());
        AtomicReference<String> runId = new AtomicReference<>();
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        Duration cpuBefore = cpu();
        try {
            sampler.scheduleAtFixedRate(() -> {
                sample(heap);
                if (runId.get() != null && System.nanoTime() - lastProgress.get() > progressEvery.toNanos()) {
                    lastProgress.set(System.nanoTime());
                    JsonNode progress = run(runId.get());
                    JsonNode counters = progress.path("counters");
                    System.out.printf("    ... %s: target scanned %d, source scanned %d, created %d, updated %d, failed %d%n",
                            progress.path("phase").asText(), counters.path("targetScanned").asLong(),
                            counters.path("sourceScanned").asLong(), counters.path("created").asLong(),
                            counters.path("updated").asLong(), counters.path("failed").asLong());
                }
            }, 0, SAMPLE_EVERY.toMillis(), TimeUnit.MILLISECONDS);
            JsonNode started = send(HttpRequest.newBuilder(api.resolve("/sync")).POST(HttpRequest.BodyPublishers.noBody()), 202);
            runId.set(started.path("id").asText());
            JsonNode run = Poll.until(deadline, () -> run(runId.get()),
                    r -> r.path("phase").asText().equals("DONE") || r.path("phase").asText().equals("FAILED"),
                    "run " + runId.get() + " to finish");
            // The sampler stops before its figures are read: from here on only this thread touches them.
            sampler.shutdownNow();
            if (!sampler.awaitTermination(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the heap sampler did not stop");
            }
            sample(heap);
            Duration wall = Duration.between(Instant.parse(run.path("startedAt").asText()),
                    Instant.parse(run.path("finishedAt").asText()));
            return new Outcome(run, wall, heap.peakHeap, heap.peakOldGen,
                    Duration.ofNanos((long) ((heap.lastGcSeconds - heap.firstGcSeconds) * 1e9)), cpu().minus(cpuBefore));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            sampler.shutdownNow();
        }
    }

    /** GET /progress. */
    JsonNode progress() {
        return send(HttpRequest.newBuilder(api.resolve("/progress")).GET(), 200);
    }

    private JsonNode run(String id) {
        return send(HttpRequest.newBuilder(api.resolve("/sync/runs/" + id)).GET(), 200);
    }

    /** GET /preflight's status: 503 while the pre-flight still reads the pools. */
    private int preflightStatus() {
        try {
            return http.send(HttpRequest.newBuilder(api.resolve("/preflight")).header("Authorization", "Bearer " + token)
                    .GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private boolean ready() {
        try {
            return http.send(HttpRequest.newBuilder(management.resolve("/q/health/ready")).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Peaks of the sampled heap figures, and the GC pause total at the first and the last sample. */
    private static final class HeapSamples {
        long peakHeap;
        long peakOldGen;
        double firstGcSeconds = -1;
        double lastGcSeconds;
    }

    /** Reads the daemon's JVM metrics from the management port: the sampler thread's work, then the caller's. */
    private void sample(HeapSamples samples) {
        String metrics;
        try {
            metrics = http.send(HttpRequest.newBuilder(management.resolve("/q/metrics")).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            return; // a missed sample, not a failed run
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        long heap = 0;
        long oldGen = 0;
        double gcSeconds = 0;
        for (String line : metrics.split("\n")) {
            if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
                heap += (long) value(line);
                if (line.contains("Old Gen")) {
                    oldGen += (long) value(line);
                }
            } else if (line.startsWith("jvm_gc_pause_seconds_sum")) {
                gcSeconds += value(line);
            }
        }
        samples.peakHeap = Math.max(samples.peakHeap, heap);
        samples.peakOldGen = Math.max(samples.peakOldGen, oldGen);
        if (samples.firstGcSeconds < 0) {
            samples.firstGcSeconds = gcSeconds;
        }
        samples.lastGcSeconds = gcSeconds;
    }

    private static double value(String metricLine) {
        return Double.parseDouble(metricLine.substring(metricLine.lastIndexOf(' ') + 1));
    }

    private JsonNode send(HttpRequest.Builder request, int expectedStatus) {
        try {
            HttpResponse<String> response = http.send(request.header("Authorization", "Bearer " + token).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expectedStatus) {
                throw new IllegalStateException(request.build().uri().getPath() + " answered " + response.statusCode()
                        + ": " + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Duration cpu() {
        return process.info().totalCpuDuration().orElse(Duration.ZERO);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
