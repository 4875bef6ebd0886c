import { sandboxAccount } from "@/sandbox/accounts";
import {
  syntheticDays,
  syntheticNights,
  syntheticWorkouts,
  type SyntheticDay,
  type SyntheticNight,
  type SyntheticSport,
  type SyntheticWorkout,
} from "@/sandbox/synthetic";

// The synthetic account's data as Garmin's Health/Activity API summaries, each stamped with
// the moment the watch uploaded it: pull queries select by upload time, not by when it
// happened.

export const GARMIN_SUMMARY_TYPES = ["activities", "dailies", "sleeps", "hrv", "stressDetails", "bodyComps"] as const;
export type GarminSummaryType = (typeof GARMIN_SUMMARY_TYPES)[number];

export interface UploadedSummary {
  uploadedAt: number;
  summary: Record<string, unknown>;
}

const DAY_S = 86_400;
const ACTIVITY_TYPES: Record<SyntheticSport, string> = {
  run: "RUNNING",
  trail_run: "TRAIL_RUNNING",
  ride: "ROAD_BIKING",
  swim: "LAP_SWIMMING",
  walk: "WALKING",
  hike: "HIKING",
  strength: "STRENGTH_TRAINING",
  yoga: "YOGA",
};
// A phone syncs the watch a little after the fact.
const UPLOAD_DELAY_S = { activity: 600, day: 900, night: 900, bodyComp: 60 };

const isoDate = (epochSeconds: number) => new Date(epochSeconds * 1000).toISOString().slice(0, 10);
const epoch = (date: Date) => Math.floor(date.getTime() / 1000);
/** The UTC instant a local calendar day starts. */
const localMidnight = (day: SyntheticDay | SyntheticNight) =>
  Date.parse(`${day.localDate}T00:00:00Z`) / 1000 - day.utcOffsetSeconds;

function activity(workout: SyntheticWorkout, userId: string) {
  const start = epoch(workout.startAt);
  return {
    userId,
    summaryId: String(workout.id),
    activityId: workout.id,
    activityName: workout.name,
    activityType: ACTIVITY_TYPES[workout.sport],
    startTimeInSeconds: start,
    startTimeOffsetInSeconds: workout.utcOffsetSeconds,
    durationInSeconds: workout.durationS,
    ...(workout.distanceM > 0
      ? {
          distanceInMeters: workout.distanceM,
          averageSpeedInMetersPerSecond: Math.round((workout.distanceM / workout.movingTimeS) * 1000) / 1000,
        }
      : {}),
    averageHeartRateInBeatsPerMinute: workout.avgHeartRate,
    maxHeartRateInBeatsPerMinute: workout.maxHeartRate,
    totalElevationGainInMeters: workout.elevationGainM,
    activeKilocalories: workout.energyKcal,
    deviceName: "Garmin Forerunner 965",
    manual: false,
    isWebUpload: false,
  };
}

function daily(day: SyntheticDay, userId: string) {
  const start = localMidnight(day);
  return {
    userId,
    summaryId: `${userId.slice(0, 8)}-${start.toString(16)}-d`,
    calendarDate: day.localDate,
    startTimeInSeconds: start,
    startTimeOffsetInSeconds: day.utcOffsetSeconds,
    durationInSeconds: DAY_S,
    steps: day.steps,
    distanceInMeters: day.distanceM,
    activeKilocalories: day.activeEnergyKcal,
    bmrKilocalories: day.totalEnergyKcal - day.activeEnergyKcal,
    restingHeartRateInBeatsPerMinute: day.restingHeartRate,
    averageStressLevel: day.stressAvg,
    maxStressLevel: Math.min(100, day.stressAvg + 45),
    stressQualifier: day.stressAvg > 50 ? "STRESSFUL" : "BALANCED",
  };
}

function stressDetails(day: SyntheticDay, userId: string) {
  const start = localMidnight(day);
  const stress: Record<string, number> = {};
  const battery: Record<string, number> = {};
  // Every 3 minutes, as the device records; the first reading of each hour is off-wrist (-1).
  for (let offset = 0; offset < DAY_S; offset += 180) {
    const phase = Math.abs(Math.cos((Math.PI * offset) / DAY_S));
    stress[offset] = offset % 3600 === 0 ? -1 : Math.round(day.stressAvg * (0.5 + phase));
    battery[offset] = Math.round(day.bodyBatteryLow + (day.bodyBatteryHigh - day.bodyBatteryLow) * phase);
  }
  return {
    userId,
    summaryId: `${userId.slice(0, 8)}-${start.toString(16)}-s`,
    calendarDate: day.localDate,
    startTimeInSeconds: start,
    startTimeOffsetInSeconds: day.utcOffsetSeconds,
    durationInSeconds: DAY_S,
    timeOffsetStressLevelValues: stress,
    timeOffsetBodyBatteryValues: battery,
  };
}

function bodyComp(day: SyntheticDay, userId: string) {
  const measuredAt = localMidnight(day) + 7 * 3600;
  return {
    userId,
    summaryId: `${userId.slice(0, 8)}-${measuredAt.toString(16)}-b`,
    measurementTimeInSeconds: measuredAt,
    measurementTimeOffsetInSeconds: day.utcOffsetSeconds,
    weightInGrams: Math.round(day.weightKg * 1000),
    bodyFatInPercent: day.bodyFatPercent,
    bodyMassIndex: Math.round((day.weightKg / 1.78 ** 2) * 10) / 10,
  };
}

function sleep(night: SyntheticNight, userId: string) {
  const start = epoch(night.bedtimeStart);
  const levels: Record<string, Array<{ startTimeInSeconds: number; endTimeInSeconds: number }>> = {
    deep: [],
    light: [],
    rem: [],
    awake: [],
  };
  for (const stage of night.stages)
    levels[stage.stage]!.push({ startTimeInSeconds: epoch(stage.startAt), endTimeInSeconds: epoch(stage.endAt) });
  return {
    userId,
    summaryId: `${userId.slice(0, 8)}-${start.toString(16)}-n`,
    calendarDate: night.localDate,
    startTimeInSeconds: start,
    startTimeOffsetInSeconds: night.utcOffsetSeconds,
    durationInSeconds: epoch(night.bedtimeEnd) - start,
    deepSleepDurationInSeconds: night.deepS,
    lightSleepDurationInSeconds: night.lightS,
    remSleepInSeconds: night.remS,
    awakeDurationInSeconds: night.awakeS,
    unmeasurableSleepInSeconds: 0,
    validation: "ENHANCED_FINAL",
    sleepLevelsMap: levels,
    timeOffsetSleepRespiration: { "0": night.respiratoryRate, "3600": night.respiratoryRate },
    overallSleepScore: { value: night.score, qualifierKey: night.score >= 80 ? "GOOD" : "FAIR" },
  };
}

function hrv(night: SyntheticNight, userId: string) {
  const start = epoch(night.bedtimeStart);
  const values: Record<string, number> = {};
  for (let offset = 300; offset < epoch(night.bedtimeEnd) - start; offset += 1800)
    values[offset] = night.avgHrvMs + ((offset / 300) % 7) - 3;
  return {
    userId,
    summaryId: `${userId.slice(0, 8)}-${start.toString(16)}-h`,
    calendarDate: night.localDate,
    startTimeInSeconds: start,
    startTimeOffsetInSeconds: night.utcOffsetSeconds,
    durationInSeconds: epoch(night.bedtimeEnd) - start,
    lastNightAvg: night.avgHrvMs,
    lastNight5MinHigh: night.avgHrvMs + 20,
    hrvValues: values,
  };
}

/** Summaries of one type uploaded in [start, end) (epoch seconds) and not after now, oldest upload first. */
export function garminUploadedSummaries(
  type: GarminSummaryType,
  login: string,
  start: number,
  end: number,
  now = new Date(),
): UploadedSummary[] {
  const userId = sandboxAccount("garmin", login).uuid;
  // Anything uploaded in the window happened at most a couple of days before it.
  const [fromDate, toDate] = [isoDate(start - 2 * DAY_S), isoDate(end + DAY_S)];
  let uploaded: UploadedSummary[];
  if (type === "activities") {
    uploaded = syntheticWorkouts("garmin", login, new Date((start - 2 * DAY_S) * 1000), new Date(end * 1000), now).map(
      (workout) => ({
        uploadedAt: epoch(workout.startAt) + workout.durationS + UPLOAD_DELAY_S.activity,
        summary: activity(workout, userId),
      }),
    );
  } else if (type === "sleeps" || type === "hrv") {
    const build = type === "sleeps" ? sleep : hrv;
    uploaded = syntheticNights("garmin", login, fromDate, toDate, now).map((night) => ({
      uploadedAt: epoch(night.bedtimeEnd) + UPLOAD_DELAY_S.night,
      summary: build(night, userId),
    }));
  } else if (type === "bodyComps") {
    uploaded = syntheticDays("garmin", login, fromDate, toDate, now).map((day) => ({
      uploadedAt: localMidnight(day) + 7 * 3600 + UPLOAD_DELAY_S.bodyComp,
      summary: bodyComp(day, userId),
    }));
  } else {
    // A day's summary is final once the day is over.
    const build = type === "dailies" ? daily : stressDetails;
    uploaded = syntheticDays("garmin", login, fromDate, toDate, now).map((day) => ({
      uploadedAt: localMidnight(day) + DAY_S + UPLOAD_DELAY_S.day,
      summary: build(day, userId),
    }));
  }
  const nowS = epoch(now);
  return uploaded
    .filter(({ uploadedAt }) => uploadedAt >= start && uploadedAt < end && uploadedAt <= nowS)
    .sort((a, b) => a.uploadedAt - b.uploadedAt);
}
