import { createHash } from "node:crypto";
import type { SyntheticDay, SyntheticNight, SyntheticSport, SyntheticWorkout } from "@/sandbox/synthetic";

// Synthetic accounts rendered in Oura's v2 document shapes: field names, seconds, metres,
// kcal, and timestamps localized with the person's offset (heart rate: UTC).

const ACTIVITY: Record<SyntheticSport, string> = {
  run: "running",
  trail_run: "running",
  ride: "cycling",
  swim: "swimming",
  walk: "walking",
  hike: "hiking",
  strength: "strength_training",
  yoga: "yoga",
};
const PHASE: Record<string, string> = { deep: "1", light: "2", rem: "3", awake: "4" };

export function documentId(...parts: Array<string | number>): string {
  const hex = createHash("sha256").update(parts.join("|")).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** A small deterministic number in [0, 1) per key, cheap enough for every 5-minute sample. */
export function noise(seed: number, key: number): number {
  let value = (seed ^ Math.imul(key | 0, 0x9e3779b1)) >>> 0;
  value = Math.imul(value ^ (value >>> 16), 0x85ebca6b) >>> 0;
  value = Math.imul(value ^ (value >>> 13), 0xc2b2ae35) >>> 0;
  return ((value ^ (value >>> 16)) >>> 0) / 4294967296;
}

/** "2026-05-03T07:12:30+02:00": the instant in the person's local time with its offset. */
export function localized(instant: Date | number, offsetSeconds: number): string {
  const local = new Date(new Date(instant).getTime() + offsetSeconds * 1000).toISOString().slice(0, 19);
  const sign = offsetSeconds < 0 ? "-" : "+";
  const minutes = Math.abs(offsetSeconds) / 60;
  return `${local}${sign}${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
}

const scoreOf = (seed: number, key: number) => Math.round(60 + noise(seed, key) * 38);

/** Daily documents carry a `timestamp` at 04:00 local, when Oura's day starts; collections filter on it. */
export const dailyTimestamp = (day: string, offsetSeconds: number) =>
  localized(Date.parse(`${day}T04:00:00Z`) - offsetSeconds * 1000, offsetSeconds);

function phases(night: SyntheticNight, stepS: number): string {
  let result = "";
  for (let at = night.bedtimeStart.getTime(); at < night.bedtimeEnd.getTime(); at += stepS * 1000) {
    const stage = night.stages.find((candidate) => candidate.startAt.getTime() <= at && at < candidate.endAt.getTime());
    result += PHASE[stage?.stage ?? "awake"];
  }
  return result;
}

function series(seed: number, start: Date, end: Date, base: number, spread: number) {
  const items: number[] = [];
  for (let at = start.getTime(), index = 0; at < end.getTime(); at += 300_000, index++)
    items.push(Math.round(base + (noise(seed, index) - 0.5) * spread));
  return { interval: 300, items, timestamp: localized(start, 0) };
}

export function sleepDocument(login: string, night: SyntheticNight, seed: number, readinessScore: number | undefined) {
  const offset = night.utcOffsetSeconds;
  const firstSleep = night.stages.find((stage) => stage.stage !== "awake");
  return {
    id: documentId("oura", login, "sleep", night.id),
    average_breath: night.respiratoryRate,
    average_heart_rate: night.avgHeartRate,
    average_hrv: night.avgHrvMs,
    awake_time: night.awakeS,
    bedtime_end: localized(night.bedtimeEnd, offset),
    bedtime_start: localized(night.bedtimeStart, offset),
    day: night.localDate,
    deep_sleep_duration: night.deepS,
    efficiency: night.efficiencyPercent,
    heart_rate: {
      ...series(seed, night.bedtimeStart, night.bedtimeEnd, night.avgHeartRate, 8),
      timestamp: localized(night.bedtimeStart, offset),
    },
    hrv: {
      ...series(seed + 1, night.bedtimeStart, night.bedtimeEnd, night.avgHrvMs, 20),
      timestamp: localized(night.bedtimeStart, offset),
    },
    latency: firstSleep ? (firstSleep.startAt.getTime() - night.bedtimeStart.getTime()) / 1000 : null,
    light_sleep_duration: night.lightS,
    low_battery_alert: false,
    lowest_heart_rate: night.lowestHeartRate,
    movement_30_sec: phases(night, 30).replace(/[123]/g, "1").replace(/4/g, "2"),
    period: 0,
    readiness:
      readinessScore === undefined
        ? null
        : { score: readinessScore, contributors: {}, temperature_deviation: 0.1, temperature_trend_deviation: 0.05 },
    readiness_score_delta: null,
    rem_sleep_duration: night.remS,
    restless_periods: Math.round(noise(seed, 7) * 300),
    sleep_algorithm_version: "v2",
    sleep_phase_5_min: phases(night, 300),
    sleep_phase_30_sec: phases(night, 30),
    sleep_score_delta: null,
    time_in_bed: (night.bedtimeEnd.getTime() - night.bedtimeStart.getTime()) / 1000,
    total_sleep_duration: night.asleepS,
    type: "long_sleep",
  };
}

/** An afternoon lie-down the ring logged as `rest`: a sleep period that is not sleep. */
export function restDocument(login: string, day: string, offset: number) {
  const start = Date.parse(`${day}T14:00:00Z`) - offset * 1000;
  const end = start + 20 * 60_000;
  return {
    id: documentId("oura", login, "rest", day),
    average_breath: 14,
    average_heart_rate: 62,
    average_hrv: null,
    awake_time: 1200,
    bedtime_end: localized(end, offset),
    bedtime_start: localized(start, offset),
    day,
    deep_sleep_duration: 0,
    efficiency: 0,
    latency: null,
    light_sleep_duration: 0,
    lowest_heart_rate: 58,
    period: 1,
    rem_sleep_duration: 0,
    sleep_phase_5_min: "4444",
    time_in_bed: 1200,
    total_sleep_duration: 0,
    type: "rest",
  };
}

export function dailySleepDocument(login: string, night: SyntheticNight, seed: number) {
  return {
    id: documentId("oura", login, "daily_sleep", night.localDate),
    contributors: {
      deep_sleep: scoreOf(seed, 1),
      efficiency: night.efficiencyPercent,
      latency: scoreOf(seed, 2),
      rem_sleep: scoreOf(seed, 3),
      restfulness: scoreOf(seed, 4),
      timing: scoreOf(seed, 5),
      total_sleep: scoreOf(seed, 6),
    },
    day: night.localDate,
    score: night.score,
    timestamp: dailyTimestamp(night.localDate, night.utcOffsetSeconds),
  };
}

export function readinessDocument(login: string, day: SyntheticDay, seed: number) {
  return {
    id: documentId("oura", login, "daily_readiness", day.localDate),
    contributors: {
      activity_balance: scoreOf(seed, 1),
      body_temperature: scoreOf(seed, 2),
      hrv_balance: scoreOf(seed, 3),
      previous_day_activity: scoreOf(seed, 4),
      previous_night: scoreOf(seed, 5),
      recovery_index: scoreOf(seed, 6),
      resting_heart_rate: scoreOf(seed, 7),
      sleep_balance: scoreOf(seed, 8),
      sleep_regularity: scoreOf(seed, 9),
    },
    day: day.localDate,
    score: day.readinessScore,
    temperature_deviation: Math.round((noise(seed, 10) - 0.5) * 80) / 100,
    temperature_trend_deviation: Math.round((noise(seed, 11) - 0.5) * 40) / 100,
    timestamp: dailyTimestamp(day.localDate, day.utcOffsetSeconds),
  };
}

export function dailyActivityDocument(login: string, day: SyntheticDay, seed: number) {
  const high = Math.round(noise(seed, 1) * 1800);
  const medium = Math.round(1800 + noise(seed, 2) * 3600);
  const low = Math.round(10_000 + noise(seed, 3) * 8000);
  const nonWear = Math.round(noise(seed, 4) * 3600);
  const resting = 8 * 3600;
  const targetMeters = 10_000;
  const met: number[] = [];
  for (let minute = 0; minute < 1440; minute++)
    met.push(Math.round((0.9 + noise(seed, 100 + minute) * (minute > 420 && minute < 1320 ? 3 : 0.3)) * 10) / 10);
  let class5 = "";
  for (let slot = 0; slot < 288; slot++)
    class5 += slot < 84 ? "1" : String(2 + Math.floor(noise(seed, 2000 + slot) * 4));
  return {
    id: documentId("oura", login, "daily_activity", day.localDate),
    active_calories: day.activeEnergyKcal,
    average_met_minutes: 1.5,
    class_5_min: class5,
    contributors: {
      meet_daily_targets: scoreOf(seed, 5),
      move_every_hour: scoreOf(seed, 6),
      recovery_time: scoreOf(seed, 7),
      stay_active: scoreOf(seed, 8),
      training_frequency: scoreOf(seed, 9),
      training_volume: scoreOf(seed, 10),
    },
    day: day.localDate,
    equivalent_walking_distance: day.distanceM,
    high_activity_met_minutes: Math.round((high / 60) * 8),
    high_activity_time: high,
    inactivity_alerts: Math.floor(noise(seed, 11) * 3),
    low_activity_met_minutes: Math.round((low / 60) * 2),
    low_activity_time: low,
    medium_activity_met_minutes: Math.round((medium / 60) * 4),
    medium_activity_time: medium,
    met: { interval: 60, items: met, timestamp: dailyTimestamp(day.localDate, day.utcOffsetSeconds) },
    meters_to_target: Math.max(0, targetMeters - day.distanceM),
    non_wear_time: nonWear,
    resting_time: resting,
    score: scoreOf(seed, 12),
    sedentary_met_minutes: 20,
    sedentary_time: Math.max(0, 86_400 - high - medium - low - nonWear - resting),
    steps: day.steps,
    target_calories: 550,
    target_meters: targetMeters,
    total_calories: day.totalEnergyKcal,
    timestamp: dailyTimestamp(day.localDate, day.utcOffsetSeconds),
  };
}

export function workoutDocument(login: string, workout: SyntheticWorkout) {
  const offset = workout.utcOffsetSeconds;
  return {
    id: documentId("oura", login, "workout", workout.id),
    activity: ACTIVITY[workout.sport],
    calories: workout.energyKcal,
    day: localized(workout.startAt, offset).slice(0, 10),
    distance: workout.distanceM > 0 ? workout.distanceM : null,
    end_datetime: localized(workout.startAt.getTime() + workout.durationS * 1000, offset),
    intensity: workout.avgHeartRate >= 150 ? "hard" : workout.avgHeartRate >= 130 ? "moderate" : "easy",
    label: null,
    source: workout.sport === "strength" || workout.sport === "yoga" ? "manual" : "confirmed",
    start_datetime: localized(workout.startAt, offset),
  };
}
