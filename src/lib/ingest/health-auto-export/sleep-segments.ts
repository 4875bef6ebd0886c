import type { SleepRecord } from "@/lib/sync/records";
import type { BatchCollector } from "./batches";
import { parseHaeDate, type HaeInstant } from "./dates";
import { firstIssue } from "./issues";
import { haeSleepSegmentSchema } from "./schemas";

// HealthKit sleep values as HAE writes them → our stage names ("Unspecified" is asleepUnspecified).
const STAGES: Record<string, string> = {
  "In Bed": "in_bed",
  Awake: "awake",
  Asleep: "asleep",
  Unspecified: "asleep",
  Core: "light",
  Deep: "deep",
  REM: "rem",
};

// Segments further apart than this belong to different sleeps (a nap, the next night).
const SESSION_GAP_MS = 3 * 3600 * 1000;

interface Segment {
  stage: string;
  start: HaeInstant;
  end: HaeInstant;
}

const durationS = (segment: Segment) => (segment.end.instant.getTime() - segment.start.instant.getTime()) / 1000;
const snake = (value: string) =>
  value
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_");

function sum(segments: Segment[], stages: string[]): number | null {
  const matching = segments.filter((segment) => stages.includes(segment.stage));
  return matching.length === 0 ? null : matching.reduce((total, segment) => total + durationS(segment), 0);
}

/** Unaggregated sleep ("Summarize data" off): one sample per segment, segments grouped into nights. */
export class SleepSegments {
  private readonly bySource = new Map<string, Segment[]>();

  add(raw: Record<string, unknown>, path: string, collector: BatchCollector): void {
    const parsed = haeSleepSegmentSchema.safeParse(raw);
    if (!parsed.success) return collector.reject(path, firstIssue(parsed.error));
    const start = parseHaeDate(parsed.data.startDate);
    const end = parseHaeDate(parsed.data.endDate);
    if (!start || !end)
      return collector.reject(path, `unparseable date "${start ? parsed.data.endDate : parsed.data.startDate}"`);
    if (end.instant < start.instant) return collector.reject(path, "sleep segment ends before it starts");
    const source = parsed.data.source ?? "";
    const segment = { stage: STAGES[parsed.data.value] ?? snake(parsed.data.value), start, end };
    // One metric per stage: an "In Bed" and a "Core" segment often start at the same instant.
    const isKept = collector.add(
      source,
      "samples",
      {
        metric: `sleep_${segment.stage}`,
        time: start.instant,
        endTime: end.instant,
        value: durationS(segment),
        unit: "s",
        meta: { value: parsed.data.value },
      },
      path,
    );
    if (!isKept) return;
    const list = this.bySource.get(source) ?? [];
    list.push(segment);
    this.bySource.set(source, list);
  }

  flush(collector: BatchCollector): void {
    for (const [source, segments] of this.bySource) {
      for (const [night, members] of groupNights(segments))
        collector.add(source, "sleepSessions", session(source, night, members));
    }
  }
}

/** Clusters by gaps, then keys each cluster by its wake-up day; two clusters ending the same day are one night. */
function groupNights(segments: Segment[]): Map<string, Segment[]> {
  const sorted = [...segments].sort(
    (a, b) =>
      a.start.instant.getTime() - b.start.instant.getTime() || a.end.instant.getTime() - b.end.instant.getTime(),
  );
  const clusters: Segment[][] = [];
  let clusterEnd = -Infinity;
  for (const segment of sorted) {
    if (segment.start.instant.getTime() - clusterEnd > SESSION_GAP_MS) clusters.push([]);
    clusters.at(-1)!.push(segment);
    clusterEnd = Math.max(clusterEnd, segment.end.instant.getTime());
  }
  const nights = new Map<string, Segment[]>();
  for (const cluster of clusters) {
    const wake = cluster.reduce((latest, segment) => (segment.end.instant > latest.end.instant ? segment : latest));
    nights.set(wake.end.localDate, [...(nights.get(wake.end.localDate) ?? []), ...cluster]);
  }
  return nights;
}

function session(source: string, night: string, segments: Segment[]): SleepRecord {
  const first = segments[0]!;
  const endAt = new Date(Math.max(...segments.map((segment) => segment.end.instant.getTime())));
  return {
    externalId: `${source}:${night}`,
    startAt: first.start.instant,
    endAt,
    utcOffsetSeconds: first.start.utcOffsetSeconds,
    localDate: night,
    inBedS: sum(segments, ["in_bed"]),
    asleepS: sum(segments, ["asleep", "light", "deep", "rem"]),
    deepS: sum(segments, ["deep"]),
    remS: sum(segments, ["rem"]),
    lightS: sum(segments, ["light"]),
    awakeS: sum(segments, ["awake"]),
    // "In Bed" overlaps the stages, so it stays out of the hypnogram.
    stages: segments
      .filter((segment) => segment.stage !== "in_bed")
      .map((segment) => ({
        stage: segment.stage,
        startAt: segment.start.instant.toISOString(),
        endAt: segment.end.instant.toISOString(),
      })),
    raw: { shape: "segments", segmentCount: segments.length },
  };
}
