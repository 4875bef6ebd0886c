import type { Database } from "@/lib/db/client";
import { findActivityForUser, findSamplesInWindow } from "@/lib/db/queries/activity-detail";
import type { ActivityFile } from "@/lib/db/schema";
import type { FileStore } from "@/lib/files/store";
import type { ParsedLap } from "@/lib/files/types";
import type { UnitSystem } from "@/lib/format";
import { decodePolyline, type LatLon } from "@/lib/geo/polyline";
import { projectRoute, type ProjectedRoute } from "@/lib/geo/project";
import { simplifyPath } from "@/lib/geo/simplify";
import { HEART_RATE_METRICS, SPEED_METRICS, heartRateChart, speedChart, type ChartData } from "./chart-data";
import { readActivityOriginals } from "./original-track";
import { activitySource, type ActivitySource } from "./source";
import { speedDisplayFor, type SpeedDisplay } from "./speed-display";
import { trackCharts } from "./track-charts";

const ROUTE_BOX = { maxWidth: 1000, maxHeight: 560, padding: 24 };
// In route-box units: under a pixel at the widest the map is drawn.
const ROUTE_TOLERANCE = 0.75;

export interface ActivityDetail {
  activity: NonNullable<Awaited<ReturnType<typeof findActivityForUser>>>;
  source: ActivitySource;
  speedDisplay: SpeedDisplay;
  route: ProjectedRoute | null;
  heartRate: ChartData | null;
  speed: ChartData | null;
  /** Channels only an original file carries. */
  power: ChartData | null;
  cadence: ChartData | null;
  altitude: ChartData | null;
  laps: ParsedLap[];
  /** The originals kept for this activity (empty when only a generated file can be offered). */
  files: ActivityFile[];
  /** The file the charts were drawn from, if any. */
  drawnFrom: ActivityFile | null;
  /** Why a kept file could not be drawn. */
  fileProblem: string | null;
}

/**
 * Everything the detail page shows, for an activity already read (and so already known to be
 * the user's). An original file, where one is kept, is the first choice for every chart and the
 * route: it is the recording itself, at the device's own rate. Samples stored by a sync or a
 * phone fill in what no file carries.
 */
export async function buildActivityDetail(
  db: Database,
  params: { userId: string; activity: ActivityDetail["activity"]; units: UnitSystem; store: FileStore },
): Promise<ActivityDetail> {
  const { activity } = params;
  const speedDisplay = speedDisplayFor(activity.type);
  const durationS = activity.durationS ?? activity.movingTimeS ?? 0;
  const start = activity.startAt;
  const window = { userId: params.userId, from: start, to: new Date(start.getTime() + durationS * 1000) };
  const [heartRateRows, speedRows, originals] = await Promise.all([
    durationS > 0 ? findSamplesInWindow(db, { ...window, metrics: HEART_RATE_METRICS }) : [],
    durationS > 0 ? findSamplesInWindow(db, { ...window, metrics: SPEED_METRICS }) : [],
    readActivityOriginals(db, params.store, { userId: params.userId, activityId: activity.id }),
  ]);
  const context = { start, durationS, provider: activity.provider };
  const track = originals.track;
  const fromFile = track
    ? trackCharts(track.parsed.points, {
        start,
        durationS: durationS || (track.parsed.durationS ?? 0),
        provider: track.file.source,
        sourceId: track.file.fileName ?? `${track.file.format.toUpperCase()} file`,
        display: speedDisplay,
        units: params.units,
      })
    : null;
  const filePath: LatLon[] = (track?.parsed.points ?? []).flatMap((point) =>
    point.lat === undefined || point.lon === undefined ? [] : [[point.lat, point.lon] as LatLon],
  );
  const path = activity.polyline ? decodePolyline(activity.polyline) : filePath;
  const projected = path.length > 0 ? projectRoute(path, ROUTE_BOX) : null;
  return {
    activity,
    source: activitySource(activity.provider, activity.externalId),
    speedDisplay,
    route: projected && { ...projected, points: simplifyPath(projected.points, ROUTE_TOLERANCE) },
    heartRate: fromFile?.heartRate ?? heartRateChart(heartRateRows, context),
    speed: fromFile?.speed ?? speedChart(speedRows, { ...context, display: speedDisplay, units: params.units }),
    power: fromFile?.power ?? null,
    cadence: fromFile?.cadence ?? null,
    altitude: fromFile?.altitude ?? null,
    laps: track?.parsed.laps ?? [],
    files: originals.files,
    drawnFrom: track?.file ?? null,
    fileProblem: originals.problem,
  };
}
