import type { ActivityType } from "@/lib/sync/activity-types";
import type { ActivityRecord, DailyRecord } from "@/lib/sync/records";
import type { HubActivity, HubDay } from "./schemas";

// Training Hub's sportType codes (coros.md B3), not the official API's mode/subMode.
const SPORT_TYPES: Record<number, ActivityType> = {
  100: "run",
  101: "treadmill_run",
  102: "trail_run",
  103: "run",
  104: "hike",
  105: "hike",
  106: "climbing",
  200: "ride",
  201: "virtual_ride",
  202: "e_bike",
  203: "gravel_ride",
  204: "mountain_bike",
  205: "e_bike",
  299: "ride",
  300: "swim",
  301: "open_water_swim",
  400: "cardio",
  401: "cardio",
  402: "strength",
  500: "ski",
  501: "snowboard",
  502: "ski",
  503: "ski",
  700: "rowing",
  701: "rowing",
  702: "paddling",
  704: "paddling",
  705: "paddling",
  706: "paddling",
  800: "climbing",
  801: "climbing",
  900: "walk",
  901: "cardio",
  902: "cardio",
  10003: "climbing",
};

const orNull = <T>(value: T | null | undefined): T | null => value ?? null;

export function transformHubActivity(activity: HubActivity): ActivityRecord {
  return {
    externalId: activity.labelId,
    type: SPORT_TYPES[activity.sportType] ?? "other",
    providerType: String(activity.sportType),
    name: orNull(activity.name),
    startAt: new Date(activity.startTime * 1000),
    utcOffsetSeconds: activity.startTimezone == null ? null : activity.startTimezone * 900,
    durationS: orNull(activity.totalTime),
    movingTimeS: orNull(activity.workoutTime),
    distanceM: orNull(activity.distance),
    elevationGainM: orNull(activity.ascent),
    energyKcal: activity.calorie == null ? null : Math.round(activity.calorie / 100) / 10,
    avgHeartRateBpm: orNull(activity.avgHr),
    maxHeartRateBpm: orNull(activity.maxHr),
    avgPowerW: orNull(activity.avgPower),
    avgSpeedMps: activity.distance && activity.workoutTime ? activity.distance / activity.workoutTime : null,
    maxSpeedMps: null,
    device: orNull(activity.device),
    polyline: null,
    raw: activity,
  };
}

const isoOf = (yyyymmdd: number) => {
  const text = String(yyyymmdd);
  return `${text.slice(0, 4)}-${text.slice(4, 6)}-${text.slice(6, 8)}`;
};

/** Resting heart rate and the night's HRV from the day detail; its own columns only. */
export function transformHubDay(day: HubDay): DailyRecord {
  return {
    localDate: isoOf(day.happenDay),
    restingHeartRateBpm: orNull(day.rhr),
    hrvMs: orNull(day.avgSleepHrv),
    raw: { dayDetail: day },
  };
}
