import { encodePolyline } from "@/lib/geo/polyline";
import { normalizeActivityType } from "@/lib/sync/activity-types";
import type { ActivityRecord, BodyRecord, DailyRecord, SleepRecord } from "@/lib/sync/records";
import { GARMIN_ACTIVITY_TYPES } from "../garmin/transform";
import type { ConnectActivity, ConnectDailySummary, ConnectSleepData, ConnectWeighIn } from "./schemas";

const orNull = <T>(value: T | null | undefined): T | null => value ?? null;

/** Connect writes "2026-01-08 14:10:21" with no zone; the GMT twin is UTC. */
const utcInstant = (text: string) => new Date(`${text.replace(" ", "T").replace(/\.\d+$/, "")}Z`);

/** Local minus GMT start, to the minute: Connect gives the two clock readings, not an offset. */
function offsetSeconds(activity: ConnectActivity): number | null {
  if (!activity.startTimeLocal) return null;
  const difference =
    (utcInstant(activity.startTimeLocal).getTime() - utcInstant(activity.startTimeGMT).getTime()) / 1000;
  return Number.isFinite(difference) ? Math.round(difference / 60) * 60 : null;
}

export function transformConnectActivity(
  activity: ConnectActivity,
  route?: Array<{ lat: number; lon: number }>,
): ActivityRecord {
  const typeKey = activity.activityType?.typeKey ?? null;
  return {
    externalId: String(activity.activityId),
    // Connect's typeKeys are the Health API's activity types in lower case (trail_running …).
    type: normalizeActivityType(GARMIN_ACTIVITY_TYPES, typeKey?.toUpperCase()),
    providerType: typeKey,
    name: orNull(activity.activityName),
    startAt: utcInstant(activity.startTimeGMT),
    utcOffsetSeconds: offsetSeconds(activity),
    durationS: orNull(activity.duration),
    movingTimeS: orNull(activity.movingDuration),
    distanceM: orNull(activity.distance),
    elevationGainM: orNull(activity.elevationGain),
    energyKcal: orNull(activity.calories),
    avgHeartRateBpm: orNull(activity.averageHR),
    maxHeartRateBpm: orNull(activity.maxHR),
    avgPowerW: orNull(activity.avgPower),
    avgSpeedMps: orNull(activity.averageSpeed),
    maxSpeedMps: orNull(activity.maxSpeed),
    device: null,
    polyline: route?.length ? encodePolyline(route.map((point) => [point.lat, point.lon] as [number, number])) : null,
    raw: activity,
  };
}

// Daily rows merge across streams (a null never overwrites): each stream sets only its own
// columns and keys `raw` by its own name, as the official Garmin transforms do.

export function transformConnectDaily(summary: ConnectDailySummary, date: string): DailyRecord {
  const stress = summary.averageStressLevel;
  return {
    localDate: summary.calendarDate ?? date,
    steps: orNull(summary.totalSteps),
    distanceM: orNull(summary.totalDistanceMeters),
    activeEnergyKcal: orNull(summary.activeKilocalories),
    totalEnergyKcal: orNull(summary.totalKilocalories),
    restingHeartRateBpm: orNull(summary.restingHeartRate),
    // Negative stress values are Garmin's "not enough data" codes.
    stressAvg: stress != null && stress >= 0 ? stress : null,
    bodyBatteryHigh: orNull(summary.bodyBatteryHighestValue),
    bodyBatteryLow: orNull(summary.bodyBatteryLowestValue),
    raw: { usersummary: summary },
  };
}

const SLEEP_LEVELS: Record<number, string> = { 0: "deep", 1: "light", 2: "rem", 3: "awake" };
const gmtInstant = (text: string) => new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(text) ? text : `${text}Z`);

/** A night from dailySleepData, or undefined for a day without one. GMT fields only (garmin.md B5). */
export function transformConnectSleep(data: ConnectSleepData): SleepRecord | undefined {
  const night = data.dailySleepDTO;
  if (!night || night.sleepStartTimestampGMT == null || night.sleepEndTimestampGMT == null) return undefined;
  const startAt = new Date(night.sleepStartTimestampGMT);
  const endAt = new Date(night.sleepEndTimestampGMT);
  const inBedS = (endAt.getTime() - startAt.getTime()) / 1000;
  const asleepS = night.sleepTimeSeconds ?? null;
  const stages = (data.sleepLevels ?? [])
    .filter((level) => level.activityLevel in SLEEP_LEVELS)
    .map((level) => ({
      stage: SLEEP_LEVELS[level.activityLevel]!,
      startAt: gmtInstant(level.startGMT).toISOString(),
      endAt: gmtInstant(level.endGMT).toISOString(),
    }))
    .sort((a, b) => a.startAt.localeCompare(b.startAt));
  return {
    externalId: String(night.id ?? night.calendarDate),
    startAt,
    endAt,
    utcOffsetSeconds: null,
    localDate: night.calendarDate,
    inBedS,
    asleepS,
    deepS: orNull(night.deepSleepSeconds),
    remS: orNull(night.remSleepSeconds),
    lightS: orNull(night.lightSleepSeconds),
    awakeS: orNull(night.awakeSleepSeconds),
    efficiencyPercent: inBedS > 0 && asleepS !== null ? Math.round((asleepS / inBedS) * 1000) / 10 : null,
    score: orNull(night.sleepScores?.overall?.value),
    avgHeartRateBpm: null,
    avgHrvMs: orNull(data.avgOvernightHrv),
    respiratoryRate: orNull(night.averageRespirationValue),
    stages: stages.length ? stages : null,
    raw: data,
  };
}

/** The night's score beside the day's other columns, on the day it ends. */
export function connectSleepScoreDay(data: ConnectSleepData): DailyRecord | undefined {
  const night = data.dailySleepDTO;
  const score = night?.sleepScores?.overall?.value;
  return night && score != null
    ? { localDate: night.calendarDate, sleepScore: score, raw: { sleep: { calendarDate: night.calendarDate, score } } }
    : undefined;
}

export function transformConnectHrv(summary: { calendarDate: string; lastNightAvg?: number | null }): DailyRecord {
  return { localDate: summary.calendarDate, hrvMs: orNull(summary.lastNightAvg), raw: { hrv: summary } };
}

export function transformConnectWeighIn(weighIn: ConnectWeighIn): BodyRecord {
  const kilograms = (grams: number | null | undefined) => (grams == null ? null : grams / 1000);
  return {
    measuredAt: new Date(weighIn.date),
    weightKg: kilograms(weighIn.weight),
    bmi: orNull(weighIn.bmi),
    bodyFatPercent: orNull(weighIn.bodyFat),
    muscleMassKg: kilograms(weighIn.muscleMass),
    raw: weighIn,
  };
}
