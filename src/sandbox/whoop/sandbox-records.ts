import { createHash } from "node:crypto";
import { sandboxAccount } from "@/sandbox/accounts";
import {
  syntheticDays,
  syntheticNights,
  syntheticWorkouts,
  type SyntheticSport,
  type SyntheticWorkout,
} from "@/sandbox/synthetic";
import { DAY_MS } from "@/lib/dates";

// The synthetic account as WHOOP's v2 API would describe it: each night opens a cycle (cycles
// run sleep onset to sleep onset), its recovery is scored on waking, workouts are UUIDs.

const KJ_PER_KCAL = 4.184;
const SPORTS: Record<SyntheticSport, [name: string, legacyId: number]> = {
  run: ["running", 0],
  trail_run: ["running", 0],
  ride: ["cycling", 1],
  swim: ["swimming", 33],
  walk: ["walking", 63],
  hike: ["hiking/rucking", 52],
  strength: ["weightlifting", 45],
  yoga: ["yoga", 44],
};

export interface WhoopSandboxRecord {
  /** What WHOOP's start/end filters compare (the sleep's window for a recovery). */
  start: number;
  /** When WHOOP has it: a sleep once it ended, a cycle once it began. */
  availableAt: number;
  /** A cycle's end, shown once the next cycle has begun. */
  end?: number;
  json: Record<string, unknown>;
}

/** The record as WHOOP would answer at `now`, or nothing yet. */
export function recordAt(record: WhoopSandboxRecord, now: number): Record<string, unknown> | undefined {
  if (record.availableAt > now) return undefined;
  return record.end !== undefined && record.end <= now ? { ...record.json, end: iso(record.end) } : record.json;
}

function uuid(...parts: Array<string | number>): string {
  const hex = createHash("sha256").update(parts.join("|")).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export function timezoneOffset(seconds: number): string {
  const sign = seconds < 0 ? "-" : "+";
  const abs = Math.abs(seconds);
  return `${sign}${String(Math.floor(abs / 3600)).padStart(2, "0")}:${String(Math.floor((abs % 3600) / 60)).padStart(2, "0")}`;
}

const iso = (ms: number) => new Date(ms).toISOString();
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const round = (value: number, places = 1) => Math.round(value * 10 ** places) / 10 ** places;
const stamps = (ms: number) => ({ created_at: iso(ms + 4 * 60_000), updated_at: iso(ms + 9 * 60_000) });

export interface WhoopNightRecords {
  cycles: WhoopSandboxRecord[];
  sleeps: WhoopSandboxRecord[];
  recoveries: WhoopSandboxRecord[];
}

// Every page of a backfill asks for the same long range: building the account's whole history
// once an hour (tomorrow's night included; recordAt hides what has not happened yet) keeps a
// sync test measuring the sync rather than the simulator.
const histories = new Map<string, WhoopNightRecords>();

/** Cycles, sleeps and recoveries of the account's whole history; serve them through recordAt. */
export function whoopNightRecords(login: string, now = Date.now()): WhoopNightRecords {
  const hour = Math.floor(now / 3_600_000) * 3_600_000;
  const key = `${login}|${hour}`;
  let cached = histories.get(key);
  if (!cached) {
    cached = buildNightRecords(login, hour + 2 * DAY_MS);
    histories.set(key, cached);
    if (histories.size > 8) histories.delete(histories.keys().next().value!);
  }
  return cached;
}

function buildNightRecords(login: string, horizon: number): WhoopNightRecords {
  const userId = sandboxAccount("whoop", login).numericId;
  const [from, to] = ["2000-01-01", isoDay(horizon)] as const;
  const nights = syntheticNights("whoop", login, from, to, new Date(horizon));
  const days = new Map(syntheticDays("whoop", login, from, to, new Date(horizon)).map((day) => [day.localDate, day]));
  const records: WhoopNightRecords = { cycles: [], sleeps: [], recoveries: [] };
  nights.forEach((night, index) => {
    const start = night.bedtimeStart.getTime();
    const next = nights[index + 1]?.bedtimeStart.getTime();
    const day = days.get(night.localDate)!;
    const cycleId = Math.floor(Date.parse(night.localDate) / DAY_MS) + 1_000_000;
    const base = { user_id: userId, timezone_offset: timezoneOffset(night.utcOffsetSeconds) };
    records.cycles.push({
      start,
      availableAt: start,
      end: next,
      json: {
        id: cycleId,
        ...base,
        ...stamps(start),
        start: iso(start),
        score_state: "SCORED",
        score: {
          strain: day.strain,
          kilojoule: round(day.totalEnergyKcal * KJ_PER_KCAL),
          average_heart_rate: day.restingHeartRate + 14,
          max_heart_rate: day.restingHeartRate + 110,
        },
      },
    });
    // WHOOP has the sleep and its recovery once the person wakes up.
    const end = night.bedtimeEnd.getTime();
    const sleepId = uuid("whoop", login, "sleep", night.id);
    records.sleeps.push({
      start,
      availableAt: end,
      json: {
        id: sleepId,
        cycle_id: cycleId,
        v1_id: null,
        ...base,
        ...stamps(end),
        start: iso(start),
        end: iso(end),
        nap: false,
        score_state: "SCORED",
        score: {
          stage_summary: {
            total_in_bed_time_milli: end - start,
            total_awake_time_milli: night.awakeS * 1000,
            total_no_data_time_milli: 0,
            total_light_sleep_time_milli: night.lightS * 1000,
            total_slow_wave_sleep_time_milli: night.deepS * 1000,
            total_rem_sleep_time_milli: night.remS * 1000,
            sleep_cycle_count: Math.max(1, Math.round(night.asleepS / 5400)),
            disturbance_count: night.stages.filter((stage) => stage.stage === "awake").length,
          },
          sleep_needed: {
            baseline_milli: 27_000_000,
            need_from_sleep_debt_milli: 1_800_000,
            need_from_recent_strain_milli: 600_000,
            need_from_recent_nap_milli: 0,
          },
          respiratory_rate: night.respiratoryRate,
          sleep_performance_percentage: night.score,
          sleep_consistency_percentage: 80,
          sleep_efficiency_percentage: night.efficiencyPercent,
        },
      },
    });
    records.recoveries.push({
      start,
      availableAt: end,
      json: {
        cycle_id: cycleId,
        sleep_id: sleepId,
        user_id: userId,
        ...stamps(end),
        score_state: "SCORED",
        score: {
          user_calibrating: false,
          recovery_score: day.recoveryScore,
          resting_heart_rate: day.restingHeartRate,
          hrv_rmssd_milli: round(day.hrvMs + 0.123, 3),
          spo2_percentage: 96.5,
          skin_temp_celsius: 33.6,
        },
      },
    });
  });
  return records;
}

function workoutJson(workout: SyntheticWorkout, login: string, userId: number): WhoopSandboxRecord {
  const [sportName, sportId] = SPORTS[workout.sport];
  const start = workout.startAt.getTime();
  const end = start + workout.durationS * 1000;
  const zone = (share: number) => Math.round(workout.durationS * 1000 * share);
  return {
    start,
    availableAt: end,
    json: {
      id: uuid("whoop", login, "workout", workout.id),
      v1_id: null,
      user_id: userId,
      ...stamps(end),
      start: iso(start),
      end: iso(end),
      timezone_offset: timezoneOffset(workout.utcOffsetSeconds),
      sport_name: sportName,
      sport_id: sportId,
      score_state: "SCORED",
      score: {
        strain: round(Math.min(21, workout.durationS / 600 + (workout.avgHeartRate - 100) / 10)),
        average_heart_rate: workout.avgHeartRate,
        max_heart_rate: workout.maxHeartRate,
        kilojoule: round(workout.energyKcal * KJ_PER_KCAL),
        percent_recorded: 100,
        ...(workout.distanceM > 0
          ? { distance_meter: workout.distanceM, altitude_gain_meter: workout.elevationGainM, altitude_change_meter: 0 }
          : {}),
        zone_durations: {
          zone_zero_milli: zone(0.05),
          zone_one_milli: zone(0.15),
          zone_two_milli: zone(0.35),
          zone_three_milli: zone(0.3),
          zone_four_milli: zone(0.12),
          zone_five_milli: zone(0.03),
        },
      },
    },
  };
}

export function whoopWorkoutRecords(login: string, from: number, to: number, now = Date.now()): WhoopSandboxRecord[] {
  const userId = sandboxAccount("whoop", login).numericId;
  return syntheticWorkouts("whoop", login, new Date(from), new Date(to), new Date(now)).map((workout) =>
    workoutJson(workout, login, userId),
  );
}

/** The current body measurement: today's synthetic weight. */
export function whoopBodyMeasurement(login: string, now = Date.now()) {
  const today = isoDay(now);
  const day = syntheticDays("whoop", login, isoDay(now - DAY_MS), today, new Date(now)).at(-1)!;
  return { height_meter: 1.76, weight_kilogram: day.weightKg, max_heart_rate: 192 };
}
