import { createHash } from "node:crypto";
import { Encoder } from "@garmin/fitsdk";
import { DAY_MS } from "@/lib/dates";
import { syntheticWorkouts, type SyntheticSport, type SyntheticWorkout } from "@/sandbox/synthetic";
import { providerOf, type GarminDomain } from "./sandbox-store";

// A sandbox account's Connect activities: the shared synthetic week, in the shapes the activity
// list, the details and the original-file download have.

const HISTORY_MS = 730 * DAY_MS;
const TYPE_KEYS: Record<SyntheticSport, string> = {
  run: "running",
  trail_run: "trail_running",
  ride: "road_biking",
  swim: "lap_swimming",
  walk: "walking",
  hike: "hiking",
  strength: "strength_training",
  yoga: "yoga",
};
const FIT_SPORTS: Record<SyntheticSport, string> = {
  run: "running",
  trail_run: "running",
  ride: "cycling",
  swim: "swimming",
  walk: "walking",
  hike: "hiking",
  strength: "training",
  yoga: "training",
};
const hasRoute = (workout: SyntheticWorkout) => workout.distanceM > 0 && workout.sport !== "swim";

/** "2026-01-08 14:10:21": Connect's clock readings carry no zone. */
const clock = (instant: Date) => instant.toISOString().replace("T", " ").slice(0, 19);

export function accountWorkouts(domain: GarminDomain, login: string, from: Date, to: Date): SyntheticWorkout[] {
  return syntheticWorkouts(providerOf(domain), login, from, to);
}

export function findWorkout(domain: GarminDomain, login: string, activityId: number): SyntheticWorkout | undefined {
  const now = new Date();
  return accountWorkouts(domain, login, new Date(now.getTime() - HISTORY_MS), now).find((w) => w.id === activityId);
}

export function activityListItem(workout: SyntheticWorkout, ownerId: number) {
  const local = new Date(workout.startAt.getTime() + workout.utcOffsetSeconds * 1000);
  return {
    activityId: workout.id,
    activityName: workout.name,
    startTimeLocal: clock(local),
    startTimeGMT: clock(workout.startAt),
    beginTimestamp: workout.startAt.getTime(),
    endTimeGMT: clock(new Date(workout.startAt.getTime() + workout.durationS * 1000)),
    activityType: {
      typeId: Object.keys(TYPE_KEYS).indexOf(workout.sport) + 1,
      typeKey: TYPE_KEYS[workout.sport],
      parentTypeId: 17,
    },
    eventType: { typeId: 9, typeKey: "uncategorized" },
    distance: workout.distanceM,
    duration: workout.durationS,
    elapsedDuration: workout.durationS + 12,
    movingDuration: workout.movingTimeS,
    elevationGain: workout.elevationGainM,
    elevationLoss: workout.elevationGainM,
    averageSpeed: workout.movingTimeS ? Math.round((workout.distanceM / workout.movingTimeS) * 1000) / 1000 : 0,
    maxSpeed: workout.movingTimeS ? Math.round((workout.distanceM / workout.movingTimeS) * 1300) / 1000 : 0,
    averageHR: workout.avgHeartRate,
    maxHR: workout.maxHeartRate,
    ...(workout.avgPowerW ? { avgPower: workout.avgPowerW } : {}),
    calories: workout.energyKcal,
    deviceId: 3_442_000_000 + (ownerId % 1000),
    manufacturer: "GARMIN",
    ownerId,
    hasPolyline: hasRoute(workout),
    manualActivity: false,
    lapCount: Math.max(1, Math.round(workout.distanceM / 1000)),
    privacy: { typeId: 2, typeKey: "private" },
  };
}

/** A loop the length of the workout around the account's home (Shanghai for China accounts). */
export function workoutRoute(domain: GarminDomain, login: string, workout: SyntheticWorkout) {
  if (!hasRoute(workout)) return [];
  const seed = createHash("sha256").update(`${domain}:${login}`).digest();
  const [baseLat, baseLon] = domain === "garmin.cn" ? [31.23, 121.47] : [47.37, 8.54];
  const lat0 = baseLat + (seed[0]! - 128) / 2000;
  const lon0 = baseLon + (seed[1]! - 128) / 2000;
  const radiusM = workout.distanceM / (2 * Math.PI);
  const points = 60;
  return Array.from({ length: points + 1 }, (_, index) => {
    const angle = (index / points) * 2 * Math.PI;
    return {
      lat: Math.round((lat0 + (radiusM * Math.sin(angle)) / 111_320) * 1e6) / 1e6,
      lon:
        Math.round((lon0 + (radiusM * (1 - Math.cos(angle))) / (111_320 * Math.cos((lat0 * Math.PI) / 180))) * 1e6) /
        1e6,
      time: workout.startAt.getTime() + Math.round((index / points) * workout.durationS * 1000),
    };
  });
}

const SEMICIRCLES = 2 ** 31 / 180;
const FIT_EPOCH_S = 631_065_600;
// FIT message numbers (Profile.MesgNum is typed as a loose record).
const MESG = { fileId: 0, session: 18, record: 20, activity: 34 } as const;

/** The file the watch recorded: file id, a record every 30 s (on the route, if any), the session. */
export function workoutFit(domain: GarminDomain, login: string, workout: SyntheticWorkout): Uint8Array {
  const encoder = new Encoder();
  // The SDK types messages loosely; these field names are its profile's (file_id, record, …).
  const write = (mesgNum: number, fields: Record<string, unknown>) =>
    encoder.onMesg(mesgNum, fields as Parameters<Encoder["onMesg"]>[1]);
  const start = workout.startAt;
  write(MESG.fileId, {
    type: "activity",
    manufacturer: "garmin",
    product: 3113,
    serialNumber: 3_442_000_000 + (workout.id % 1000),
    timeCreated: start,
  });
  const route = workoutRoute(domain, login, workout);
  const samples = Math.max(2, Math.floor(workout.durationS / 30));
  for (let index = 0; index <= samples; index++) {
    const share = index / samples;
    const point = route.length ? route[Math.round(share * (route.length - 1))]! : undefined;
    write(MESG.record, {
      timestamp: new Date(start.getTime() + Math.round(share * workout.durationS) * 1000),
      heartRate: Math.round(workout.avgHeartRate + Math.sin(index / 5) * 6),
      distance: Math.round(share * workout.distanceM * 10) / 10,
      ...(point
        ? { positionLat: Math.round(point.lat * SEMICIRCLES), positionLong: Math.round(point.lon * SEMICIRCLES) }
        : {}),
    });
  }
  const end = new Date(start.getTime() + workout.durationS * 1000);
  write(MESG.session, {
    timestamp: end,
    startTime: start,
    totalElapsedTime: workout.durationS,
    totalTimerTime: workout.movingTimeS,
    totalDistance: workout.distanceM,
    sport: FIT_SPORTS[workout.sport],
    avgHeartRate: workout.avgHeartRate,
    maxHeartRate: workout.maxHeartRate,
    totalCalories: workout.energyKcal,
  });
  write(MESG.activity, {
    timestamp: end,
    numSessions: 1,
    type: "manual",
    totalTimerTime: workout.movingTimeS,
    // Seconds since the FIT epoch (1989-12-31) on the wearer's clock.
    localTimestamp: Math.round(end.getTime() / 1000) + workout.utcOffsetSeconds - FIT_EPOCH_S,
  });
  return encoder.close();
}
