import type { SampleRecord } from "@/lib/sync/records";
import type { SampleSeries } from "@/lib/sync/sample-series";
import type { SourceSampleSeries } from "../types";
import { SeriesBuilder } from "./series-builder";
import { TimeSet } from "./time-set";

/** One source's points of one metric: those held, and the times of those already handed over. */
interface Series {
  held: SeriesBuilder;
  /** The latest time taken (held or drained): a later one cannot be a repeat. */
  latest: number;
  /** The held times, once one arrived out of order (from then on kept with every add until the next drain). */
  heldTimes: Set<number> | null;
  drained: TimeSet | null;
}

/**
 * Samples by source and metric, keyed by time, first one wins, held in columns (see
 * SampleSeries). Kept apart from the other records because an export holds hundreds of
 * thousands of them: an export lists each metric's points in time order, so a point later than
 * the latest one taken is simply appended, and only a point out of order is looked up among
 * those held and handed over.
 */
export class SampleCollector {
  private readonly sources = new Map<string, Map<string, Series>>();
  private last: { source: string; metric: string; series: Series } | null = null;
  /** Samples held since the last drain. */
  pending = 0;

  /** A sample by its parts: times in epoch milliseconds, `endTime` NaN for none. */
  add(source: string, metric: string, unit: string, time: number, value: number, endTime: number, meta: unknown): void {
    const series = this.series(source, metric);
    if (time > series.latest) series.latest = time;
    else {
      series.heldTimes ??= new Set(series.held.times());
      if (series.heldTimes.has(time) || series.drained?.has(time)) return;
    }
    series.heldTimes?.add(time);
    series.held.push(unit, time, value, endTime, meta);
    this.pending++;
  }

  addRecord(source: string, sample: SampleRecord): void {
    const end = sample.endTime == null ? NaN : sample.endTime.getTime();
    this.add(source, sample.metric, sample.unit, sample.time.getTime(), sample.value, end, sample.meta ?? null);
  }

  /**
   * Hands over the samples held, so a large export is written in slices while it is still being
   * read. Their times are remembered, so a later duplicate still loses to the first, as it does
   * in a body written whole (and a re-post finds nothing to change).
   */
  drain(): SourceSampleSeries[] {
    const batches = this.batches();
    for (const metrics of this.sources.values()) {
      for (const series of metrics.values()) {
        if (series.held.length === 0) continue;
        series.drained ??= new TimeSet();
        for (const time of series.held.times()) series.drained.add(time);
        series.held = new SeriesBuilder(series.held.metric);
        series.heldTimes = null;
      }
    }
    this.pending = 0;
    return batches;
  }

  /** What is held, per source, without letting go of it. */
  batches(): SourceSampleSeries[] {
    const batches: SourceSampleSeries[] = [];
    for (const [sourceId, metrics] of this.sources) {
      const series: SampleSeries[] = [];
      for (const { held } of metrics.values()) if (held.length > 0) series.push(held.build());
      if (series.length > 0) batches.push({ sourceId, series });
    }
    return batches;
  }

  private series(source: string, metric: string): Series {
    const last = this.last;
    if (last && last.source === source && last.metric === metric) return last.series;
    let metrics = this.sources.get(source);
    if (!metrics) this.sources.set(source, (metrics = new Map()));
    let series = metrics.get(metric);
    if (!series)
      metrics.set(
        metric,
        (series = { held: new SeriesBuilder(metric), latest: -Infinity, heldTimes: null, drained: null }),
      );
    this.last = { source, metric, series };
    return series;
  }
}
