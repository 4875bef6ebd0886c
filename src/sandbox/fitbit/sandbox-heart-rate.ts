import { createHash } from "node:crypto";
import { accountUtcOffset, syntheticWorkouts } from "@/sandbox/synthetic";
import { civil, civilIso, type SandboxPoint } from "./sandbox-points";
import { DAY_MS } from "@/lib/dates";

// Synthetic intraday `heart-rate` points in Google Health's JSON: a sample every five minutes
// while the watch is worn, every minute in a workout, none while it charges in the evening,
// and nothing from the current hour, which the watch has not uploaded yet. The watch is 90
// days old, which keeps an unfiltered list cheap. Points have no `name`: heart rate is not an
// identifiable data type.

const PROVIDER = "fitbit";
const HOUR_MS = 3_600_000;
const REST_STEP_MS = 5 * 60_000;
const WORKOUT_STEP_MS = 60_000;
const HISTORY_MS = 90 * DAY_MS;
const DEVICE = { formFactor: "WATCH", manufacturer: "Google", displayName: "Pixel Watch 3" };

export interface SandboxHeartRateSample {
  at: Date;
  bpm: number;
  utcOffsetSeconds: number;
  isActive: boolean;
  /** Rides also arrive from a chest strap through Health Connect, which the sync leaves out. */
  platform: "FITBIT" | "HEALTH_CONNECT";
}

const seedOf = (login: string) =>
  createHash("sha256").update(`${PROVIDER}|${login}|heart-rate`).digest().readUInt32LE(0);

/** A deterministic value in [-1, 1) for one seed and instant. */
function noise(seed: number, at: number): number {
  let t = (seed ^ Math.floor(at / 1000)) >>> 0;
  t = Math.imul(t ^ (t >>> 16), 0x45d9f3b);
  t = Math.imul(t ^ (t >>> 16), 0x45d9f3b);
  return ((t ^ (t >>> 16)) >>> 0) / 2 ** 31 - 1;
}

/** Own and Health Connect samples in [from, to), oldest first. */
export function sandboxHeartRate(login: string, from: Date, to: Date, now = new Date()): SandboxHeartRateSample[] {
  const seed = seedOf(login);
  const offset = accountUtcOffset(PROVIDER, login);
  const start = Math.max(from.getTime(), now.getTime() - HISTORY_MS);
  const end = Math.min(to.getTime(), Math.floor(now.getTime() / HOUR_MS) * HOUR_MS);
  if (end <= start) return [];
  const workouts = syntheticWorkouts(PROVIDER, login, new Date(start - DAY_MS), new Date(end), now).map((workout) => ({
    workout,
    startAt: workout.startAt.getTime(),
    endAt: workout.startAt.getTime() + workout.durationS * 1000,
  }));
  const isInWorkout = (at: number) => workouts.some((entry) => at >= entry.startAt && at < entry.endAt);
  const samples: SandboxHeartRateSample[] = [];

  const phase = (seed % 300) * 1000;
  for (let at = Math.ceil((start - phase) / REST_STEP_MS) * REST_STEP_MS + phase; at < end; at += REST_STEP_MS) {
    const localHour = ((((at + offset * 1000) % DAY_MS) + DAY_MS) % DAY_MS) / HOUR_MS;
    if ((localHour >= 19 && localHour < 19.75) || isInWorkout(at)) continue;
    const isAsleep = localHour >= 23 || localHour < 7;
    const bpm = Math.round(isAsleep ? 53 + noise(seed, at) * 5 : 72 + noise(seed, at) * 13);
    samples.push({ at: new Date(at), bpm, utcOffsetSeconds: offset, isActive: false, platform: "FITBIT" });
  }
  for (const { workout, startAt, endAt } of workouts) {
    for (
      let at = Math.ceil(Math.max(startAt, start) / WORKOUT_STEP_MS) * WORKOUT_STEP_MS;
      at < Math.min(endAt, end);
      at += WORKOUT_STEP_MS
    ) {
      const bpm = Math.round(workout.avgHeartRate + noise(seed, at) * 12);
      samples.push({ at: new Date(at), bpm, utcOffsetSeconds: offset, isActive: true, platform: "FITBIT" });
      if (workout.sport === "ride")
        samples.push({
          at: new Date(at),
          bpm: bpm + 1,
          utcOffsetSeconds: offset,
          isActive: true,
          platform: "HEALTH_CONNECT",
        });
    }
  }
  return samples.sort((a, b) => a.at.getTime() - b.at.getTime());
}

/** The list type's points for UTC days [fromDate, toDate). */
export function heartRatePoints(login: string, fromDate: string, toDate: string): SandboxPoint[] {
  return sandboxHeartRate(login, new Date(`${fromDate}T00:00:00Z`), new Date(`${toDate}T00:00:00Z`)).map((sample) => ({
    keys: { physical_time: sample.at.toISOString(), civil_time: civilIso(sample.at, sample.utcOffsetSeconds) },
    sortKey: sample.at.getTime(),
    json: {
      dataSource:
        sample.platform === "FITBIT"
          ? {
              platform: "FITBIT",
              recordingMethod: sample.isActive ? "ACTIVELY_MEASURED" : "PASSIVELY_MEASURED",
              device: DEVICE,
            }
          : {
              platform: "HEALTH_CONNECT",
              recordingMethod: "ACTIVELY_MEASURED",
              application: { packageName: "com.strava" },
            },
      heartRate: {
        beatsPerMinute: String(sample.bpm),
        sampleTime: {
          physicalTime: sample.at.toISOString().replace(/\.000Z$/, "Z"),
          utcOffset: `${sample.utcOffsetSeconds}s`,
          civilTime: civil(sample.at, sample.utcOffsetSeconds),
        },
        metadata: {
          motionContext: sample.isActive ? "ACTIVE" : "SEDENTARY",
          sensorLocation: sample.platform === "FITBIT" ? "WRIST" : "CHEST",
        },
      },
    },
  }));
}
