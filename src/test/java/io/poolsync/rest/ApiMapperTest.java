package io.poolsync.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.poolsync.bulk.ImportReport;
import io.poolsync.progress.Progress;
import io.poolsync.sync.PlanReport;
import io.poolsync.sync.RunCounter;
import io.poolsync.sync.SyncRun;

/** The wire types publish what the domain snapshots hold, field for field: the same JSON. */
class ApiMapperTest {

    static final ApiMapper MAPPER = new ApiMapperImpl();
    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule());
    static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    static final Instant T1 = Instant.parse("2026-03-01T10:05:00Z");

    /** Each counter a different count: 1, 2, 3... in the enum's order. */
    static final SyncRun.Counters COUNTERS = new SyncRun.Counters(Arrays.stream(RunCounter.values())
            .collect(Collectors.toMap(Function.identity(), counter -> counter.ordinal() + 1L)));
    static final PlanReport.Summary PLAN = new PlanReport.Summary(Map.of("CREATE", 4L), Map.of("status UNCONFIRMED", 2L),
            1, 2, 3, 4, 5, Map.of("DISABLE", 1L), new PlanReport.SignInSummary(2, Map.of("Google", 1L), 1, 3, 1, 1, 2));
    static final ImportReport IMPORT = new ImportReport(List.of(new ImportReport.Job("poolsync-1", "import-1", 10,
            "Succeeded", 9, 1, 0, "done", null)), 10, 9, 1, 0, Map.of("no email", 1L), "/aws/cognito/userpools/x",
            "a note");
    static final SyncRun.Summary SUMMARY = new SyncRun.Summary("run-1", SyncRun.Trigger.API, true, SyncRun.Phase.DONE, T0,
            T1, 300.0, "an error", COUNTERS, Map.of("status UNCONFIRMED", 2L), PLAN, "a removals note", IMPORT);

    @Test
    void aRunAndItsSummary() {
        SyncRun.Snapshot snapshot = new SyncRun.Snapshot("run-1", SyncRun.Trigger.SCHEDULE, false,
                SyncRun.Phase.FAILED, T0, T1, "an error", COUNTERS, Map.of("r", 1L), PLAN, "a note", IMPORT,
                List.of(new SyncRun.Failure("alice", "Alice", "CREATE", "InvalidParameterException", "a message")));

        assertSameJson(MAPPER.run(snapshot), snapshot);
        assertSameJson(MAPPER.summary(SUMMARY), SUMMARY);
    }

    @Test
    void planItemsAndFailures() {
        PlanReport.Item item = new PlanReport.Item("user", "alice", "Alice", "UPDATE", List.of("email"), List.of("a"),
                List.of("b"), true, null, List.of("phone_number"));
        assertSameJson(MAPPER.planItems(List.of(item)), List.of(item));
        assertSameJson(MAPPER.planSummary(PLAN), PLAN);
        PlanReport.SignInItem signIn = new PlanReport.SignInItem("bob", "Google_1", List.of("Google"), List.of(),
                List.of("SMS_MFA"), true);
        assertSameJson(MAPPER.signInItems(List.of(signIn)), List.of(signIn));
    }

    @Test
    void progress() {
        Progress progress = new Progress(true, new Progress.RunProgress("run-2", SyncRun.Trigger.STARTUP, false,
                SyncRun.Phase.APPLYING, T0, 12.5, List.of(new Progress.PhaseProgress(SyncRun.Phase.SCANNING_TARGET,
                        Progress.State.DONE, 100, 100L, true, 50.0, T0, T1)),
                new Progress.Eta(SyncRun.Phase.APPLYING, 30, T1), PLAN, COUNTERS, Map.of("r", 1L), true),
                SUMMARY, List.of(new Progress.QuotaUse("shared", "user-list", 29.1, 24.5, 100, 3, 30, "default")), T1, T0, true, null);

        assertSameJson(MAPPER.progress(progress), progress);
    }

    @Test
    void series() {
        Progress.Series series = new Progress.Series("run-2", false, T0, true, 1.0, 300, List.of(new Progress.SeriesPoint(
                T1, 300.0, SyncRun.Phase.APPLYING, 40.0, 80.0, 12.0, List.of(new Progress.QuotaRate("target",
                        "user-creation", 47.5, 40.0, 0.5)))));
        assertSameJson(MAPPER.series(series), series);
    }

    @Test
    void unknownValuesStayNull() {
        Progress idle = new Progress(false, null, null, List.of(), T1, null, false, null);
        assertSameJson(MAPPER.progress(idle), idle);
    }

    @Test
    void theWireTypesPublishEveryCounterUnderItsKey() {
        JsonNode wire = JSON.valueToTree(MAPPER.summary(SUMMARY));
        for (RunCounter counter : RunCounter.values()) {
            String section = counter.section() == RunCounter.Section.RUN ? "counters" : "signIn";
            assertThat(wire.path(section).path(counter.key()).asLong()).as(counter.name()).isEqualTo(counter.ordinal() + 1L);
        }
    }

    private static void assertSameJson(Object wire, Object domain) {
        JsonNode expected = splitCounters(JSON.valueToTree(domain));
        assertThat((Object) JSON.valueToTree(wire)).isEqualTo(expected);
    }

    /**
     * The domain keeps a run's counters in one map by {@link RunCounter}; the wire publishes each section's under their
     * keys: {@code counters}, and {@code signIn} next to it in a run and its summary (which have a removalsNote).
     */
    private static JsonNode splitCounters(JsonNode node) {
        if (node instanceof ObjectNode object) {
            if (object.path("counters").has("counts")) {
                JsonNode counts = object.path("counters").path("counts");
                ObjectNode run = JSON.createObjectNode();
                ObjectNode signIn = JSON.createObjectNode();
                for (RunCounter counter : RunCounter.values()) {
                    (counter.section() == RunCounter.Section.RUN ? run : signIn).set(counter.key(),
                            counts.path(counter.name()));
                }
                object.set("counters", run);
                if (object.has("removalsNote")) {
                    object.set("signIn", signIn);
                }
            }
            object.fields().forEachRemaining(field -> splitCounters(field.getValue()));
        } else if (node.isArray()) {
            node.forEach(ApiMapperTest::splitCounters);
        }
        return node;
    }
}
