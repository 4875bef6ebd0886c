import type { Database } from "@/lib/db/client";
import { findActivityForUser, findSamplesInWindow } from "@/lib/db/queries/activity-detail";
import type { UnitSystem } from "@/lib/format";
import { decodePolyline } from "@/lib/geo/polyline";
import { projectRoute, type ProjectedRoute } from "@/lib/geo/project";
import { simplifyPath } from "@/lib/geo/simplify";
import { HEART_RATE_METRICS, SPEED_METRICS, heartRateChart, speedChart, type ChartData } from "./chart-data";
import { activitySource, type ActivitySource } from "./source";
import { speedDisplayFor, type SpeedDisplay } from "./speed-display";

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
}

/** Everything the detail page shows, for an activity already read (and so already known to be the user's). */
export async function buildActivityDetail(
  db: Database,
  params: { userId: string; activity: ActivityDetail["activity"]; units: UnitSystem },
): Promise<ActivityDetail> {
  const { activity } = params;
  const speedDisplay = speedDisplayFor(activity.type);
  const durationS = activity.durationS ?? activity.movingTimeS ?? 0;
  const start = activity.startAt;
  const window = { userId: params.userId, from: start, to: new Date(start.getTime() + durationS * 1000) };
  const [heartRateRows, speedRows] =
    durationS > 0
      ? await Promise.all([
          findSamplesInWindow(db, { ...window, metrics: HEART_RATE_METRICS }),
          findSamplesInWindow(db, { ...window, metrics: SPEED_METRICS }),
        ])
      : [[], []];
  const context = { start, durationS, provider: activity.provider };
  const projected = activity.polyline ? projectRoute(decodePolyline(activity.polyline), ROUTE_BOX) : null;
  return {
    activity,
    source: activitySource(activity.provider, activity.externalId),
    speedDisplay,
    route: projected && { ...projected, points: simplifyPath(projected.points, ROUTE_TOLERANCE) },
    heartRate: heartRateChart(heartRateRows, context),
    speed: speedChart(speedRows, { ...context, display: speedDisplay, units: params.units }),
  };
}
