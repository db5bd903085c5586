package io.poolsync.rest;

import java.util.List;

import org.mapstruct.Mapper;
import org.mapstruct.ReportingPolicy;

import io.poolsync.bulk.ImportReport;
import io.poolsync.events.EventsProgress;
import io.poolsync.preflight.PreflightReport;
import io.poolsync.progress.Progress;
import io.poolsync.sync.PlanReport;
import io.poolsync.sync.SyncRun;

/**
 * Domain snapshots to the API's wire types (as quarkus-super-heroes' FightApiMapper does). A field a domain record
 * gains fails the build here until the wire type decides whether to publish it.
 */
@Mapper(unmappedSourcePolicy = ReportingPolicy.ERROR, unmappedTargetPolicy = ReportingPolicy.ERROR)
public interface ApiMapper {

    ApiTypes.RunSummary summary(SyncRun.Summary summary);

    ApiTypes.Run run(SyncRun.Snapshot snapshot);

    ApiTypes.Counters counters(SyncRun.Counters counters);

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
