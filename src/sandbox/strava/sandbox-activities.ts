import { sandboxAccount } from "@/sandbox/accounts";
import { authenticateBearer } from "@/sandbox/oauth2-server";
import { syntheticWorkouts, type SyntheticSport, type SyntheticWorkout } from "@/sandbox/synthetic";
import type { SandboxUploadedActivity } from "@/sandbox/state";
import type { SandboxRequest } from "@/sandbox/types";

const SPORT_TYPES: Record<SyntheticSport, string> = {
  run: "Run",
  trail_run: "TrailRun",
  ride: "Ride",
  swim: "Swim",
  walk: "Walk",
  hike: "Hike",
  strength: "WeightTraining",
  yoga: "Yoga",
};
const LIMITS = { fifteen: 200, day: 2000, readFifteen: 100, readDay: 1000 };

type ListedWorkout = SyntheticWorkout & { sportType?: string; externalId?: string | null };

/** An uploaded file's activity, listed as the synthetic ones are. */
function uploadedWorkout(activity: SandboxUploadedActivity): ListedWorkout {
  return {
    id: activity.id,
    sport: "run",
    sportType: activity.sportType,
    externalId: activity.externalId,
    name: activity.name,
    startAt: activity.startAt,
    utcOffsetSeconds: 0,
    durationS: activity.durationS,
    movingTimeS: activity.movingTimeS,
    distanceM: activity.distanceM,
    elevationGainM: 0,
    avgHeartRate: 140,
    maxHeartRate: 170,
    energyKcal: 0,
  };
}

function summaryActivity(workout: ListedWorkout, athleteId: number) {
  const local = new Date(workout.startAt.getTime() + workout.utcOffsetSeconds * 1000);
  const sportType = workout.sportType ?? SPORT_TYPES[workout.sport];
  return {
    resource_state: 2,
    athlete: { id: athleteId, resource_state: 1 },
    id: workout.id,
    ...(workout.externalId ? { external_id: workout.externalId } : {}),
    name: workout.name,
    type: sportType === "TrailRun" ? "Run" : sportType,
    sport_type: sportType,
    start_date: workout.startAt.toISOString().replace(/\.\d{3}Z$/, "Z"),
    // Strava writes local wall-clock time with a Z suffix; clients must not read it as UTC.
    start_date_local: local.toISOString().replace(/\.\d{3}Z$/, "Z"),
    timezone: `(GMT${workout.utcOffsetSeconds >= 0 ? "+" : "-"}${String(Math.abs(workout.utcOffsetSeconds / 3600)).padStart(2, "0")}:00) Etc/GMT${workout.utcOffsetSeconds > 0 ? "-" : "+"}${Math.abs(workout.utcOffsetSeconds / 3600)}`,
    utc_offset: workout.utcOffsetSeconds,
    elapsed_time: workout.durationS,
    moving_time: workout.movingTimeS,
    distance: workout.distanceM,
    total_elevation_gain: workout.elevationGainM,
    average_speed: workout.movingTimeS ? Math.round((workout.distanceM / workout.movingTimeS) * 1000) / 1000 : 0,
    max_speed: workout.movingTimeS ? Math.round((workout.distanceM / workout.movingTimeS) * 1400) / 1000 : 0,
    has_heartrate: true,
    average_heartrate: workout.avgHeartRate,
    max_heartrate: workout.maxHeartRate,
    ...(workout.avgPowerW ? { average_watts: workout.avgPowerW, device_watts: true } : {}),
    trainer: false,
    commute: false,
    manual: false,
    private: false,
    map: {
      id: `a${workout.id}`,
      summary_polyline: workout.distanceM > 0 ? "_p~iF~ps|U_ulLnnqC_mqNvxq`@" : "",
      resource_state: 2,
    },
  };
}

/** Strava's rate-limit headers: "15-minute,daily" pairs for all requests and for reads. */
function rateLimitHeaders(request: SandboxRequest): Record<string, string> {
  const used = request.state.countCalls({ provider: "strava", path: "/api/v3/athlete/activities" });
  return {
    "x-ratelimit-limit": `${LIMITS.fifteen},${LIMITS.day}`,
    "x-ratelimit-usage": `${used % LIMITS.fifteen},${used % LIMITS.day}`,
    "x-readratelimit-limit": `${LIMITS.readFifteen},${LIMITS.readDay}`,
    "x-readratelimit-usage": `${used % LIMITS.readFifteen},${used % LIMITS.readDay}`,
  };
}

/** GET /api/v3/athlete/activities?before&after&page&per_page, as Strava pages it. */
export function listStravaActivities(request: SandboxRequest): Response {
  const auth = authenticateBearer(request, "strava", () =>
    Response.json(
      { message: "Authorization Error", errors: [{ resource: "Athlete", field: "access_token", code: "invalid" }] },
      { status: 401 },
    ),
  );
  if (auth instanceof Response) return auth;
  request.state.record({ provider: "strava", method: "GET", path: "/api/v3/athlete/activities" });
  const query = request.url.searchParams;
  const perPage = Math.min(200, Number(query.get("per_page") ?? 30));
  const page = Math.max(1, Number(query.get("page") ?? 1));
  if (!Number.isInteger(perPage) || perPage < 1) {
    return Response.json(
      { message: "Bad Request", errors: [{ resource: "Application", field: "per_page", code: "invalid" }] },
      { status: 400 },
    );
  }
  const after = query.has("after") ? new Date(Number(query.get("after")) * 1000 + 1000) : new Date(0);
  const before = query.has("before") ? new Date(Number(query.get("before")) * 1000) : new Date(8.64e15);
  const athleteId = sandboxAccount("strava", auth.account).numericId;
  const uploaded = request.state.uploadedActivities
    .filter((activity) => activity.provider === "strava" && activity.account === auth.account)
    .filter((activity) => activity.startAt >= after && activity.startAt < before)
    .map(uploadedWorkout);
  const workouts: ListedWorkout[] = [...syntheticWorkouts("strava", auth.account, after, before), ...uploaded].sort(
    (a, b) => a.startAt.getTime() - b.startAt.getTime(),
  );
  // With only `after`, Strava lists oldest first; otherwise newest first.
  if (query.has("before") || !query.has("after")) workouts.reverse();
  const slice = workouts.slice((page - 1) * perPage, page * perPage);
  return Response.json(
    slice.map((workout) => summaryActivity(workout, athleteId)),
    { headers: rateLimitHeaders(request) },
  );
}
