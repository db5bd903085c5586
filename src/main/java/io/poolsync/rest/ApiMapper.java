package io.poolsync.rest;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.mapstruct.Mapper;
import org.mapstruct.Mapping;
import org.mapstruct.ReportingPolicy;

import io.poolsync.bulk.ImportReport;
import io.poolsync.events.EventsProgress;
import io.poolsync.preflight.PreflightReport;
import io.poolsync.progress.Progress;
import io.poolsync.sync.PlanReport;
import io.poolsync.sync.RunCounter;
import io.poolsync.sync.SyncRun;

/**
 * Domain snapshots to the API's wire types (as quarkus-super-heroes' FightApiMapper does). A field a domain record
 * gains fails the build here until the wire type decides whether to publish it.
 */
@Mapper(unmappedSourcePolicy = ReportingPolicy.ERROR, unmappedTargetPolicy = ReportingPolicy.ERROR)
public interface ApiMapper {

    @Mapping(target = "signIn", source = "counters")
    ApiTypes.RunSummary summary(SyncRun.Summary summary);

    @Mapping(target = "signIn", source = "counters")
    ApiTypes.Run run(SyncRun.Snapshot snapshot);

    /** The run's section of {@link RunCounter}s, each to the field of its key. */
    default ApiTypes.Counters counters(SyncRun.Counters counters) {
        return byKey(ApiTypes.Counters.class, counters.byKey(RunCounter.Section.RUN));
    }

    /** The sign-in section of {@link RunCounter}s, each to the field of its key. */
    default ApiTypes.SignInCounters signIn(SyncRun.Counters counters) {
        return byKey(ApiTypes.SignInCounters.class, counters.byKey(RunCounter.Section.SIGN_IN));
    }

    /**
     * A wire record of counts, each component filled from the count of its name. The wire type names its fields so the
     * OpenAPI document lists them; a counter it lacks, or a field no counter has, fails here (and in ApiMapperTest).
     */
    static <T extends Record> T byKey(Class<T> type, Map<String, Long> counts) {
        RecordComponent[] components = type.getRecordComponents();
        if (!counts.keySet().equals(Arrays.stream(components).map(RecordComponent::getName).collect(Collectors.toSet()))) {
            throw new IllegalStateException(type.getSimpleName() + " publishes " + Arrays.toString(components)
                    + ", the run counts " + counts.keySet());
        }
        try {
            Class<?>[] types = Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
            Object[] values = Arrays.stream(components).map(component -> counts.get(component.getName())).toArray();
            return type.getDeclaredConstructor(types).newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("can't build " + type.getSimpleName(), e);
        }
    }

    ApiTypes.Failure failure(SyncRun.Failure failure);

    List<ApiTypes.Failure> failures(List<SyncRun.Failure> failures);

    ApiTypes.PlanSummary planSummary(PlanReport.Summary summary);

    ApiTypes.PlanItem planItem(PlanReport.Item item);

    List<ApiTypes.PlanItem> planItems(List<PlanReport.Item> items);

    List<ApiTypes.SignInItem> signInItems(List<PlanReport.SignInItem> items);

    ApiTypes.ImportReport importReport(ImportReport report);

    ApiTypes.ImportJob importJob(ImportReport.Job job);

    ApiTypes.Progress progress(Progress progress);

    ApiTypes.RunProgress runProgress(Progress.RunProgress run);

    ApiTypes.PhaseProgress phaseProgress(Progress.PhaseProgress phase);

    ApiTypes.Eta eta(Progress.Eta eta);

    ApiTypes.QuotaUse quotaUse(Progress.QuotaUse quota);

    ApiTypes.Series series(Progress.Series series);

    ApiTypes.SeriesPoint seriesPoint(Progress.SeriesPoint point);

    ApiTypes.QuotaRate quotaRate(Progress.QuotaRate quota);

    ApiTypes.PreflightReport preflightReport(PreflightReport report);

    ApiTypes.EventsProgress eventsProgress(EventsProgress events);

    ApiTypes.EventLag eventLag(EventsProgress.Lag lag);
}
