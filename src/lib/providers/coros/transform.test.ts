import { describe, expect, it } from "vitest";
import { corosDailyListSchema, corosWorkoutListSchema } from "./schemas";
import { corosActivityType, transformCorosDaily, transformCorosWorkout } from "./transform";

// The reference's examples as integrators quote them (shared/providers/coros.md §A4.1, §A4.3).
const workoutReply = {
  result: "0000",
  message: "OK",
  data: [
    {
      labelId: "406974289395351552",
      mode: 8,
      subMode: 1,
      deviceName: "COROS PACE 3",
      distance: 10012.4,
      duration: 2895,
      startTime: 1767852000,
      endTime: 1767854950,
      startTimezone: 4,
      endTimezone: 4,
      calorie: 612000,
      avgSpeed: 289,
      avgFrequency: 176,
      step: 8512,
      fitUrl: "https://oss.coros.com/fit/4074/4181.fit",
      triathlonItemList: [],
    },
  ],
};

const dailyReply = {
  result: "0000",
  message: "OK",
  data: {
    dailyList: [
      {
        happenDay: 20200615,
        step: 52,
        calorie: 9553,
        rhr: 58,
        ppgHrv: 47,
        hrvList: [{ hrv: 45, hr: 60, timestamp: 1592200000 }],
        sleepStartTime: "2020-06-14 22:00:00",
        sleepEndTime: "2020-06-15 06:30:00",
        sleepAvgHr: 54,
      },
      { happenDay: "20200616", step: 0, rhr: 0, ppgHrv: 0 },
    ],
  },
};

describe("COROS workout", () => {
  const [workout] = corosWorkoutListSchema.parse(workoutReply).data!;
  const record = transformCorosWorkout(workout!);

  it("keeps the 18-digit labelId exact and COROS's own type beside ours", () => {
    expect(record).toMatchObject({
      externalId: "406974289395351552",
      type: "run",
      providerType: "mode:8/subMode:1",
      device: "COROS PACE 3",
    });
  });

  it("reads epoch seconds as the instant and the time zone in quarter hours", () => {
    expect(record.startAt).toEqual(new Date("2026-01-08T06:00:00Z"));
    expect(record.utcOffsetSeconds).toBe(3600);
  });

  it("stores SI units: elapsed span, timer time, metres and m/s from distance over time", () => {
    expect(record).toMatchObject({ durationS: 2950, movingTimeS: 2895, distanceM: 10012.4 });
    expect(record.avgSpeedMps).toBeCloseTo(10012.4 / 2895, 6);
    // Calorie units are ambiguous in the reference: kept in raw, never published as kcal.
    expect(record.energyKcal).toBeNull();
    expect(record.raw).toMatchObject({
      calorie: 612000,
      fitUrl: "https://oss.coros.com/fit/4074/4181.fit",
      avgSpeed: 289,
    });
  });

  it("maps mode/subMode pairs, falling back to the parent mode, unknown codes to other", () => {
    expect(corosActivityType(8, 2)).toBe("treadmill_run");
    expect(corosActivityType(9, 2)).toBe("virtual_ride");
    expect(corosActivityType(9, 1)).toBe("ride");
    expect(corosActivityType(10, 1)).toBe("open_water_swim");
    expect(corosActivityType(10, 2)).toBe("swim");
    expect(corosActivityType(21, 2)).toBe("snowboard");
    expect(corosActivityType(15, 1)).toBe("trail_run");
    expect(corosActivityType(23, 1)).toBe("strength");
    expect(corosActivityType(98, 1)).toBe("other");
  });

  it("names the field of a malformed workout", () => {
    const result = corosWorkoutListSchema.safeParse({
      result: "0000",
      data: [{ ...workoutReply.data[0], labelId: 406974289395351552 }],
    });
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.path).toEqual(["data", 0, "labelId"]);
  });
});

describe("COROS daily summary", () => {
  const days = corosDailyListSchema.parse(dailyReply).data!.dailyList!.map(transformCorosDaily);

  it("files the day on happenDay, the wearer's own date, with steps, resting HR and overnight HRV", () => {
    expect(days[0]).toMatchObject({ localDate: "2020-06-15", steps: 52, restingHeartRateBpm: 58, hrvMs: 47 });
    expect(days[1]!.localDate).toBe("2020-06-16");
  });

  it("sets only the columns this stream knows and keys raw by stream", () => {
    expect(Object.keys(days[0]!).sort()).toEqual(["hrvMs", "localDate", "raw", "restingHeartRateBpm", "steps"]);
    expect(days[0]!.raw).toEqual({ daily: dailyReply.data.dailyList[0] });
  });

  it("reads a 0 bpm or 0 ms reading as no measurement, but 0 steps as 0", () => {
    expect(days[1]).toMatchObject({ steps: 0, restingHeartRateBpm: null, hrvMs: null });
  });

  it("rejects a happenDay that is not yyyyMMdd", () => {
    const result = corosDailyListSchema.safeParse({
      result: "0000",
      data: { dailyList: [{ happenDay: "2020-06-15" }] },
    });
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.path.slice(0, 4)).toEqual(["data", "dailyList", 0, "happenDay"]);
  });
});
