import { randomUUID } from "node:crypto";
import { sandboxAccount } from "@/sandbox/accounts";
import { authenticateBearer } from "@/sandbox/oauth2-server";
import {
  accountUtcOffset,
  syntheticDays,
  syntheticNights,
  syntheticWorkouts,
  type SyntheticNight,
  type SyntheticSport,
  type SyntheticWorkout,
} from "@/sandbox/synthetic";
import type { SandboxRequest } from "@/sandbox/types";
import { DAY_MS } from "@/lib/dates";

// Polar's documented windows: exercises uploaded in the last 30 days; sleep, recharge and the
// default activity list cover the last 28; activity `from` at most 365 days back, span 28 days.
const EXERCISE_DAYS = 30;
const LIST_DAYS = 28;
const ACTIVITY_OLDEST_DAYS = 365;

// AccessLink's error body (the `error` schema of its OpenAPI document).
export const polarError = (status: number, errorType: string, message: string) =>
  Response.json({ timestamp: new Date().toISOString(), status, errorType, message, corrId: randomUUID() }, { status });

export const registrationKey = (polarId: number | string) => `polar:${polarId}`;

const userUrl = (login: string) =>
  `https://www.polaraccesslink.com/v3/users/${sandboxAccount("polar", login).numericId}`;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
/** Local wall-clock time "YYYY-MM-DDTHH:MM:SS" of an instant at an offset. */
const wallClock = (at: Date, offsetSeconds: number) =>
  new Date(at.getTime() + offsetSeconds * 1000).toISOString().slice(0, 19);
const hhmm = (at: Date, offsetSeconds: number) => wallClock(at, offsetSeconds).slice(11, 16);
function withOffset(at: Date, offsetSeconds: number) {
  const sign = offsetSeconds < 0 ? "-" : "+";
  const minutes = Math.abs(offsetSeconds) / 60;
  return `${wallClock(at, offsetSeconds)}${sign}${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
}
function isoDuration(seconds: number) {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = Math.round(seconds % 60);
  return `PT${h ? `${h}H` : ""}${m ? `${m}M` : ""}${s || (!h && !m) ? `${s}S` : ""}`;
}

/** The caller's account once the Bearer token checks out and the user is registered with our client. */
export function authenticateData(request: SandboxRequest, path: string): string | Response {
  request.state.record({ provider: "polar", method: "GET", path });
  const auth = authenticateBearer(request, "polar", () =>
    polarError(401, "UNAUTHORIZED", "The access token is invalid or revoked."),
  );
  if (auth instanceof Response) return auth;
  if (!request.state.registrations.has(registrationKey(sandboxAccount("polar", auth.account).numericId))) {
    return polarError(403, "FORBIDDEN", "User has not accepted all mandatory consents.");
  }
  return auth.account;
}

// [coarse sport, detailed_sport_info]: the coarse one can be as vague as OTHER.
const SPORTS: Record<SyntheticSport, [string, string]> = {
  run: ["RUNNING", "RUNNING"],
  trail_run: ["RUNNING", "TRAIL_RUNNING"],
  ride: ["CYCLING", "ROAD_BIKING"],
  swim: ["SWIMMING", "POOL_SWIMMING"],
  walk: ["WALKING", "WALKING"],
  hike: ["HIKING", "HIKING"],
  strength: ["OTHER", "STRENGTH_TRAINING"],
  yoga: ["OTHER", "YOGA"],
};

/** Polar's upload time: the watch syncs a few minutes after the session ends. */
const uploadedAt = (workout: SyntheticWorkout) =>
  new Date(workout.startAt.getTime() + (workout.durationS + 600) * 1000);

/** The workouts GET /v3/exercises lists now: uploaded in the last 30 days. */
export function polarExerciseWorkouts(login: string, now = new Date()): SyntheticWorkout[] {
  const since = now.getTime() - EXERCISE_DAYS * DAY_MS;
  return syntheticWorkouts("polar", login, new Date(since - DAY_MS), now, now).filter((workout) => {
    const uploaded = uploadedAt(workout).getTime();
    return uploaded >= since && uploaded <= now.getTime();
  });
}

function exerciseJson(workout: SyntheticWorkout, login: string) {
  const [sport, detailed] = SPORTS[workout.sport];
  return {
    id: workout.id.toString(36).toUpperCase(),
    upload_time: uploadedAt(workout).toISOString(),
    polar_user: userUrl(login),
    device: "Polar Vantage V3",
    device_id: (sandboxAccount("polar", login).numericId % 0xffffffff).toString(16).toUpperCase().padStart(8, "0"),
    start_time: wallClock(workout.startAt, workout.utcOffsetSeconds),
    start_time_utc_offset: workout.utcOffsetSeconds / 60,
    duration: isoDuration(workout.durationS),
    calories: workout.energyKcal,
    // Polar leaves distance out for sessions without one.
    ...(workout.distanceM > 0 ? { distance: workout.distanceM } : {}),
    heart_rate: { average: workout.avgHeartRate, maximum: workout.maxHeartRate },
    training_load: Math.round((workout.durationS / 60) * 1.6 * 10) / 10,
    sport,
    detailed_sport_info: detailed,
    has_route: workout.distanceM > 0 && workout.sport !== "swim",
  };
}

/** The nights /v3/users/sleep and /nightly-recharge list now: the last 28 local dates. */
export function polarListedNights(login: string, now = new Date()): SyntheticNight[] {
  const today = now.getTime() + accountUtcOffset("polar", login) * 1000;
  return syntheticNights("polar", login, isoDay(today - (LIST_DAYS - 1) * DAY_MS), isoDay(today), now);
}

const STAGE_CODES = { awake: 0, rem: 1, light: 2, deep: 4, unknown: 5 } as const;

/**
 * The night as the watch staged it: the second wake-up of the night (lost skin contact, say)
 * comes out as code 5, unknown. Polar reports it apart, as unrecognized_sleep_stage, in
 * neither the sleep stages nor the interruptions.
 */
export function polarNightStages(night: SyntheticNight) {
  let wakeUps = 0;
  return night.stages.map((stage) => ({
    ...stage,
    stage: stage.stage === "awake" && ++wakeUps === 2 ? ("unknown" as const) : stage.stage,
  }));
}

function sleepJson(night: SyntheticNight, login: string) {
  const offset = night.utcOffsetSeconds;
  const stages = polarNightStages(night);
  const unknownS = stages
    .filter((stage) => stage.stage === "unknown")
    .reduce((sum, stage) => sum + (stage.endAt.getTime() - stage.startAt.getTime()) / 1000, 0);
  const interruptionS = night.awakeS - unknownS;
  const hypnogram: Record<string, number> = {};
  for (const stage of stages) hypnogram[hhmm(stage.startAt, offset)] = STAGE_CODES[stage.stage];
  const heartRate: Record<string, number> = {};
  for (let at = night.bedtimeStart.getTime(), index = 0; at < night.bedtimeEnd.getTime(); at += 300_000, index++) {
    heartRate[hhmm(new Date(at), offset)] = night.avgHeartRate + ((index * 7) % 9) - 4;
  }
  return {
    polar_user: userUrl(login),
    date: night.localDate,
    sleep_start_time: withOffset(night.bedtimeStart, offset),
    sleep_end_time: withOffset(night.bedtimeEnd, offset),
    device_id: "1111AAAA",
    continuity: Math.round((2 + night.efficiencyPercent / 50) * 10) / 10,
    continuity_class: 3,
    light_sleep: night.lightS,
    deep_sleep: night.deepS,
    rem_sleep: night.remS,
    unrecognized_sleep_stage: unknownS,
    sleep_score: night.score,
    total_interruption_duration: interruptionS,
    sleep_charge: 3,
    sleep_goal: 28_800,
    sleep_rating: 0,
    short_interruption_duration: Math.round(interruptionS / 3),
    long_interruption_duration: interruptionS - Math.round(interruptionS / 3),
    sleep_cycles: Math.max(1, Math.round(night.asleepS / 5400)),
    group_duration_score: Math.min(100, Math.round((night.asleepS / 28_800) * 1000) / 10),
    group_solidity_score: night.efficiencyPercent,
    group_regeneration_score: Math.round(((night.deepS + night.remS) / night.asleepS) * 2000) / 10,
    hypnogram,
    heart_rate_samples: heartRate,
  };
}

function rechargeJson(night: SyntheticNight, login: string) {
  const offset = night.utcOffsetSeconds;
  const hrv: Record<string, number> = {};
  const breathing: Record<string, number> = {};
  // Averages cover the 4 hours from 30 minutes after falling asleep.
  for (let at = night.bedtimeStart.getTime() + 1_800_000, index = 0; index < 48; at += 300_000, index++) {
    hrv[hhmm(new Date(at), offset)] = night.avgHrvMs + ((index * 5) % 7) - 3;
    breathing[hhmm(new Date(at), offset)] =
      Math.round((night.respiratoryRate + (((index * 3) % 5) - 2) / 10) * 10) / 10;
  }
  const ansCharge = Math.round(((night.avgHrvMs - 57) / 3.5) * 10) / 10;
  return {
    polar_user: userUrl(login),
    date: night.localDate,
    heart_rate_avg: night.avgHeartRate,
    beat_to_beat_avg: Math.round(60_000 / night.avgHeartRate),
    heart_rate_variability_avg: night.avgHrvMs,
    breathing_rate_avg: night.respiratoryRate,
    nightly_recharge_status: Math.min(6, 1 + Math.floor((night.score - 60) / 6)),
    ans_charge: ansCharge,
    ans_charge_status: Math.min(5, Math.max(1, 3 + Math.round(ansCharge / 4))),
    hrv_samples: hrv,
    breathing_samples: breathing,
  };
}

/** GET /v3/exercises: everything uploaded in the last 30 days; no window parameters. */
export function listExercises(request: SandboxRequest) {
  const login = authenticateData(request, "/v3/exercises");
  if (login instanceof Response) return login;
  return Response.json(polarExerciseWorkouts(login).map((workout) => exerciseJson(workout, login)));
}

/** GET /v3/users/sleep: {nights} of the last 28 days. */
export function listSleep(request: SandboxRequest) {
  const login = authenticateData(request, "/v3/users/sleep");
  if (login instanceof Response) return login;
  return Response.json({ nights: polarListedNights(login).map((night) => sleepJson(night, login)) });
}

/** GET /v3/users/nightly-recharge: {recharges} of the last 28 days. */
export function listNightlyRecharge(request: SandboxRequest) {
  const login = authenticateData(request, "/v3/users/nightly-recharge");
  if (login instanceof Response) return login;
  return Response.json({ recharges: polarListedNights(login).map((night) => rechargeJson(night, login)) });
}

const isDate = (value: string | null): value is string =>
  value !== null && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value));

/** GET /v3/users/activities?from&to: days in the range (default the last 28), at most 28 of them. */
export function listDailyActivity(request: SandboxRequest) {
  const login = authenticateData(request, "/v3/users/activities");
  if (login instanceof Response) return login;
  const query = request.url.searchParams;
  const localToday = Date.now() + accountUtcOffset("polar", login) * 1000;
  const today = Date.parse(`${isoDay(localToday)}T00:00:00Z`);
  const from = query.has("from") ? query.get("from") : isoDay(today - (LIST_DAYS - 1) * DAY_MS);
  const to = query.has("to") ? query.get("to") : isoDay(today);
  if (!isDate(from) || !isDate(to)) return polarError(400, "BAD_REQUEST", "Invalid date.");
  const fromMs = Date.parse(from);
  const toMs = Date.parse(to);
  if (fromMs < today - ACTIVITY_OLDEST_DAYS * DAY_MS)
    return polarError(400, "BAD_REQUEST", "Date cannot be older than 365 days.");
  if (toMs < fromMs || toMs - fromMs > (LIST_DAYS - 1) * DAY_MS)
    return polarError(400, "BAD_REQUEST", "The maximum range between from and to is 28 days.");
  const days = syntheticDays("polar", login, from, to);
  return Response.json(
    days.map((day) => {
      const activeS = Math.round(day.steps * 1.1);
      return {
        start_time: `${day.localDate}T00:00:00`,
        end_time: `${day.localDate}T23:59:59`,
        active_duration: isoDuration(activeS),
        inactive_duration: isoDuration(86_399 - activeS),
        daily_activity: Math.round((day.steps / 10_000) * 1000) / 10,
        calories: day.totalEnergyKcal,
        active_calories: day.activeEnergyKcal,
        steps: day.steps,
        inactivity_alert_count: day.steps < 6000 ? 2 : 0,
        distance_from_steps: day.distanceM,
      };
    }),
  );
}
