import { HEART_RATE_METRICS, SPEED_METRICS } from "@/lib/activity/chart-data";
import { readActivityOriginals } from "@/lib/activity/original-track";
import type { Database } from "@/lib/db/client";
import { findSamplesInWindow } from "@/lib/db/queries/activity-detail";
import { AppError } from "@/lib/errors";
import type { FileStore } from "@/lib/files/store";
import type { TrackPoint } from "@/lib/files/types";
import { isoUtc } from "../local-time";
import type { ActivityDetailResponse } from "../schemas";
import { presentActivity, readActivity } from "./activities";

type Series = ActivityDetailResponse["streams"]["series"][number];

// A kept file's channels, in the names and units samples use.
const TRACK_CHANNELS: Array<{ metric: string; unit: string; read: (point: TrackPoint) => number | undefined }> = [
  { metric: "latitude", unit: "deg", read: (point) => point.lat },
  { metric: "longitude", unit: "deg", read: (point) => point.lon },
  { metric: "altitude", unit: "m", read: (point) => point.altitudeM },
  { metric: "distance", unit: "m", read: (point) => point.distanceM },
  { metric: "heart_rate", unit: "bpm", read: (point) => point.heartRateBpm },
  { metric: "speed", unit: "m/s", read: (point) => point.speedMps },
  { metric: "power", unit: "W", read: (point) => point.powerW },
  { metric: "cadence", unit: "rpm", read: (point) => point.cadence },
];

function seriesFromTrack(points: TrackPoint[], source: string): Series[] {
  return TRACK_CHANNELS.flatMap(({ metric, unit, read }) => {
    const times: string[] = [];
    const values: number[] = [];
    for (const point of points) {
      const value = read(point);
      if (value === undefined || !Number.isFinite(value)) continue;
      times.push(isoUtc(point.time));
      values.push(value);
    }
    return values.length > 0 ? [{ metric, source, unit, times, values }] : [];
  });
}

function seriesFromSamples(rows: Awaited<ReturnType<typeof findSamplesInWindow>>): Series[] {
  // One series per metric and source: two devices' heart rates are two lines, not one zigzag.
  const bySeries = new Map<string, Series>();
  for (const row of rows) {
    const key = JSON.stringify([row.metric, row.provider, row.sourceId]);
    const series = bySeries.get(key) ?? {
      metric: row.metric,
      source: row.provider,
      unit: row.unit,
      times: [],
      values: [],
    };
    series.times.push(isoUtc(row.time));
    series.values.push(row.value);
    bySeries.set(key, series);
  }
  return [...bySeries.values()];
}

/**
 * One activity of the person's with its streams: the kept original's channels at the device's
 * own rate when there is one (it is the recording itself), else the heart-rate and speed samples
 * stored within its window. 404 for an id that is not theirs.
 */
export async function readActivityWithStreams(
  db: Database,
  store: FileStore,
  params: { userId: string; activityId: string },
): Promise<ActivityDetailResponse> {
  const row = await readActivity(db, params);
  if (!row) throw new AppError("NOT_FOUND", "No such activity.");
  const originals = await readActivityOriginals(db, store, params);
  if (originals.track) {
    const series = seriesFromTrack(originals.track.parsed.points, originals.track.file.source);
    if (series.length > 0) return { activity: presentActivity(row), streams: { origin: "file", series } };
  }
  const durationS = row.durationS ?? row.movingTimeS ?? 0;
  const rows =
    durationS > 0
      ? await findSamplesInWindow(db, {
          userId: params.userId,
          metrics: [...HEART_RATE_METRICS, ...SPEED_METRICS],
          from: row.startAt,
          to: new Date(row.startAt.getTime() + durationS * 1000),
        })
      : [];
  const series = seriesFromSamples(rows);
  return { activity: presentActivity(row), streams: { origin: series.length > 0 ? "samples" : "none", series } };
}
