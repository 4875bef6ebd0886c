import { describe, expect, it } from "vitest";
import { ZodError } from "zod";
import {
  whoopBodyMeasurementSchema,
  whoopCycleSchema,
  whoopPageSchema,
  whoopRecoverySchema,
  whoopSleepSchema,
  whoopWorkoutSchema,
} from "./schemas";
import { whoopRateLimitWaitMs } from "./sync";
import {
  cycleLocalDate,
  offsetSeconds,
  transformWhoopBody,
  transformWhoopCycle,
  transformWhoopRecovery,
  transformWhoopSleep,
  transformWhoopWorkout,
} from "./transform";

// Fixtures in the shapes of WHOOP's v2 OpenAPI examples (shared/providers/whoop.md §3.1).
const workout = {
  id: "ecfc6a15-4661-442f-a9a4-f160dd7afae8",
  v1_id: null,
  user_id: 10129,
  created_at: "2026-09-01T04:47:11.566Z",
  updated_at: "2026-09-01T04:47:16.850Z",
  start: "2026-09-01T03:02:00.840Z",
  end: "2026-09-01T04:29:59.820Z",
  timezone_offset: "+07:00",
  sport_name: "running",
  score_state: "SCORED",
  score: {
    strain: 12.4,
    average_heart_rate: 148,
    max_heart_rate: 176,
    kilojoule: 2410.7,
    percent_recorded: 100.0,
    distance_meter: 10012.3,
    altitude_gain_meter: 54.0,
    altitude_change_meter: -1.2,
    zone_durations: {
      zone_zero_milli: 0,
      zone_one_milli: 300000,
      zone_two_milli: 1500000,
      zone_three_milli: 2100000,
      zone_four_milli: 1200000,
      zone_five_milli: 120000,
    },
  },
};

const sleep = {
  id: "b4b0a3d3-6f5e-4c3a-9d2b-1f2e3d4c5b6a",
  cycle_id: 93845,
  v1_id: null,
  user_id: 10129,
  created_at: "2026-09-02T13:30:00.000Z",
  updated_at: "2026-09-02T13:35:00.000Z",
  start: "2026-09-02T05:10:00.000Z",
  end: "2026-09-02T13:20:00.000Z",
  timezone_offset: "-07:00",
  nap: false,
  score_state: "SCORED",
  score: {
    stage_summary: {
      total_in_bed_time_milli: 29_400_000,
      total_awake_time_milli: 2_400_000,
      total_no_data_time_milli: 0,
      total_light_sleep_time_milli: 13_800_000,
      total_slow_wave_sleep_time_milli: 6_000_000,
      total_rem_sleep_time_milli: 7_200_000,
      sleep_cycle_count: 4,
      disturbance_count: 9,
    },
    sleep_needed: {
      baseline_milli: 27_000_000,
      need_from_sleep_debt_milli: 0,
      need_from_recent_strain_milli: 0,
      need_from_recent_nap_milli: 0,
    },
    respiratory_rate: 15.2,
    sleep_performance_percentage: 91,
    sleep_consistency_percentage: 80,
    sleep_efficiency_percentage: 91.8,
  },
};

// Falls asleep 23:10 local (UTC-7) on 1 September: this cycle is 2 September's day.
const cycle = {
  id: 93845,
  user_id: 10129,
  created_at: "2026-09-02T13:25:44.774Z",
  updated_at: "2026-09-02T14:25:44.774Z",
  start: "2026-09-02T06:10:00.000Z",
  end: "2026-09-03T05:40:00.000Z",
  timezone_offset: "-07:00",
  score_state: "SCORED",
  score: { strain: 5.2960315, kilojoule: 8288.297, average_heart_rate: 68, max_heart_rate: 141 },
};

const recovery = {
  cycle_id: 93845,
  sleep_id: sleep.id,
  user_id: 10129,
  created_at: "2026-09-02T13:25:44.774Z",
  updated_at: "2026-09-02T14:25:44.774Z",
  score_state: "SCORED",
  score: {
    user_calibrating: false,
    recovery_score: 44,
    resting_heart_rate: 64,
    hrv_rmssd_milli: 31.813562,
    spo2_percentage: 95.6875,
    skin_temp_celsius: 33.7,
  },
};

describe("WHOOP transforms", () => {
  it("maps a workout: normalized type, kJ to kcal, ms window to seconds, offset in seconds", () => {
    const record = transformWhoopWorkout(whoopWorkoutSchema.parse(workout));
    expect(record).toMatchObject({
      externalId: workout.id,
      type: "run",
      providerType: "running",
      utcOffsetSeconds: 7 * 3600,
      distanceM: 10012.3,
      elevationGainM: 54,
      avgHeartRateBpm: 148,
      maxHeartRateBpm: 176,
    });
    expect(record.startAt).toEqual(new Date("2026-09-01T03:02:00.840Z"));
    expect(record.durationS).toBeCloseTo(5278.98, 2);
    expect(record.energyKcal).toBeCloseTo(576.17, 2);
    expect(record.raw).toMatchObject({ score: { zone_durations: { zone_two_milli: 1500000 } } });
  });

  it("normalizes WHOOP's sport names, keeps theirs, and files unknown ones as other", () => {
    const typeOf = (sport_name: string) =>
      transformWhoopWorkout(whoopWorkoutSchema.parse({ ...workout, sport_name })).type;
    expect(typeOf("cycling")).toBe("ride");
    expect(typeOf("Functional-Fitness")).toBe("hiit");
    expect(typeOf("weightlifting")).toBe("strength");
    expect(typeOf("table_tennis")).toBe("racket_sport");
    expect(typeOf("hiking/rucking")).toBe("hike");
    const unknown = transformWhoopWorkout(whoopWorkoutSchema.parse({ ...workout, sport_name: "toddlerwear" }));
    expect(unknown).toMatchObject({ type: "other", providerType: "toddlerwear" });
  });

  it("keeps an unscored workout's times and leaves its metrics empty", () => {
    const record = transformWhoopWorkout(
      whoopWorkoutSchema.parse({ ...workout, score_state: "PENDING_SCORE", score: undefined }),
    );
    expect(record).toMatchObject({ energyKcal: null, avgHeartRateBpm: null, distanceM: null });
    expect(record.durationS).toBeGreaterThan(5000);
  });

  it("maps a sleep: stage totals in seconds, dated the morning the person woke up", () => {
    const record = transformWhoopSleep(whoopSleepSchema.parse(sleep));
    // Woke 06:20 local on 2 September (13:20Z at UTC-7).
    expect(record).toMatchObject({
      externalId: sleep.id,
      localDate: "2026-09-02",
      utcOffsetSeconds: -7 * 3600,
      inBedS: 29_400,
      awakeS: 2_400,
      lightS: 13_800,
      deepS: 6_000,
      remS: 7_200,
      asleepS: 27_000,
      efficiencyPercent: 91.8,
      score: 91,
      respiratoryRate: 15.2,
    });
    expect(record.endAt).toEqual(new Date(sleep.end));
  });

  it("dates a late sleep by the local calendar, not UTC's", () => {
    // Woke 01:30 local in UTC+9, which is still the previous day in UTC.
    const record = transformWhoopSleep(
      whoopSleepSchema.parse({
        ...sleep,
        start: "2026-09-01T10:00:00.000Z",
        end: "2026-09-01T16:30:00.000Z",
        timezone_offset: "+09:00",
      }),
    );
    expect(record.localDate).toBe("2026-09-02");
  });

  it("stores an unscorable sleep's window without stages or scores", () => {
    const record = transformWhoopSleep(
      whoopSleepSchema.parse({ ...sleep, score_state: "UNSCORABLE", score: undefined }),
    );
    expect(record).toMatchObject({ localDate: "2026-09-02", inBedS: null, asleepS: null, score: null });
  });

  it("turns a cycle into the day it covers: strain and total energy in kcal", () => {
    expect(transformWhoopCycle(whoopCycleSchema.parse(cycle))).toEqual({
      localDate: "2026-09-02",
      strain: 5.2960315,
      totalEnergyKcal: expect.closeTo(1980.95, 2),
      raw: { cycle: expect.objectContaining({ id: 93845 }) },
    });
    // Asleep after midnight: the same day. In progress: no end, still dated.
    expect(cycleLocalDate({ start: "2026-09-02T08:30:00.000Z", timezone_offset: "-07:00" })).toBe("2026-09-02");
    expect(
      transformWhoopCycle(
        whoopCycleSchema.parse({ ...cycle, end: undefined, score_state: "PENDING_SCORE", score: undefined }),
      ),
    ).toMatchObject({ localDate: "2026-09-02", strain: null, totalEnergyKcal: null });
  });

  it("puts recovery on its cycle's day, only the columns it knows, raw keyed by stream", () => {
    const record = transformWhoopRecovery(whoopRecoverySchema.parse(recovery), whoopCycleSchema.parse(cycle));
    expect(record).toEqual({
      localDate: "2026-09-02",
      recoveryScore: 44,
      restingHeartRateBpm: 64,
      hrvMs: 31.813562,
      raw: { recovery: expect.objectContaining({ cycle_id: 93845 }) },
    });
    expect(record).not.toHaveProperty("strain");
  });

  it("reads WHOOP's time-zone designators", () => {
    expect([offsetSeconds("Z"), offsetSeconds("+05:30"), offsetSeconds("-03:00"), offsetSeconds("+0545")]).toEqual([
      0, 19_800, -10_800, 20_700,
    ]);
  });

  it("stamps the undated body measurement with the time it was read", () => {
    const at = new Date("2026-09-02T12:00:00Z");
    expect(
      transformWhoopBody(
        whoopBodyMeasurementSchema.parse({ height_meter: 1.8288, weight_kilogram: 90.7185, max_heart_rate: 200 }),
        at,
      ),
    ).toMatchObject({ measuredAt: at, weightKg: 90.7185 });
  });

  it("names the field when a page breaks WHOOP's documented shape", () => {
    const error = (() => {
      try {
        whoopPageSchema(whoopCycleSchema).parse({ records: [cycle, { ...cycle, timezone_offset: "PST" }] });
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(ZodError);
    expect((error as ZodError).issues[0]!.path).toEqual(["records", 1, "timezone_offset"]);
  });

  it("waits for X-RateLimit-Reset when a 429 carries it", () => {
    expect(whoopRateLimitWaitMs(new Response(null, { status: 429, headers: { "x-ratelimit-reset": "42" } }))).toBe(
      43_000,
    );
    expect(whoopRateLimitWaitMs(new Response(null, { status: 429 }))).toBeUndefined();
  });
});
