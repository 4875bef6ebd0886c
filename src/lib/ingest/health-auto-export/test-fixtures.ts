// Bodies in the shapes shared/providers/apple-health-auto-export.md documents (own compositions).
import type { ParsedIngest } from "../types";

export const WATCH = "Ana's Apple Watch";

export const metricsBody = {
  data: {
    metrics: [
      {
        name: "step_count",
        units: "count",
        data: [{ date: "2025-03-02 07:14:00 +0100", qty: 112, source: "Ana's Apple Watch|Ana's iPhone" }],
      },
      {
        name: "heart_rate",
        units: "count/min",
        data: [{ date: "2025-03-02 07:14:00 +0100", Min: 61, Avg: 64.5, Max: 70, source: WATCH }],
      },
      {
        name: "heart_rate_variability",
        units: "ms",
        data: [{ date: "2025-03-02 03:41:12 +0100", qty: 48.2, source: WATCH }],
      },
      {
        name: "blood_pressure",
        units: "mmHg",
        data: [{ date: "2025-03-02 08:05:00 +0100", systolic: 118, diastolic: 77, source: "Withings" }],
      },
      {
        name: "blood_oxygen_saturation",
        units: "%",
        data: [{ date: "2025-03-02 03:00:00 +0100", qty: 97, source: WATCH }],
      },
      {
        name: "blood_glucose",
        units: "mg/dL",
        data: [{ date: "2025-03-02 08:30:00 +0100", qty: 90, mealTime: "Before Meal", source: "Dexcom" }],
      },
      { name: "mystery_index", units: "zorks", data: [{ date: "2025-03-02 09:00:00 +0100", qty: 3.5, source: WATCH }] },
    ],
  },
};

// Imperial phone settings: lb, mi, degF, kJ; weight, BMI and body fat from one scale reading.
export const imperialBody = {
  data: {
    metrics: [
      {
        name: "weight_body_mass",
        units: "lb",
        data: [{ date: "2024-06-01 07:00:00 -0700", qty: 165.3, source: "Scale" }],
      },
      {
        name: "body_mass_index",
        units: "count",
        data: [{ date: "2024-06-01 07:00:00 -0700", qty: 23.4, source: "Scale" }],
      },
      {
        name: "body_fat_percentage",
        units: "%",
        data: [{ date: "2024-06-01 07:00:00 -0700", qty: 0.215, source: "Scale" }],
      },
      {
        name: "walking_running_distance",
        units: "mi",
        data: [{ date: "2024-06-01 12:00:00 -0700", qty: 2, source: "iPhone" }],
      },
      {
        name: "apple_sleeping_wrist_temperature",
        units: "degF",
        data: [{ date: "2024-06-01 04:00:00 -0700", qty: 96.8, source: "Watch" }],
      },
      {
        name: "active_energy",
        units: "kJ",
        data: [{ date: "2024-06-01 12:00:00 -0700", qty: 41.84, source: "Watch" }],
      },
    ],
  },
};

// "days" aggregation: one point per metric per day, at local midnight.
export const dailyBody = {
  data: {
    metrics: [
      {
        name: "step_count",
        units: "count",
        data: [
          { date: "2026-05-18 00:00:00 -0700", qty: 7369.14, source: "iPhone" },
          { date: "2026-05-19 00:00:00 -0700", qty: 9412, source: "iPhone" },
        ],
      },
      {
        name: "active_energy",
        units: "kcal",
        data: [
          { date: "2026-05-18 00:00:00 -0700", qty: 500, source: "iPhone" },
          { date: "2026-05-19 00:00:00 -0700", qty: 610.5, source: "iPhone" },
        ],
      },
      {
        name: "basal_energy_burned",
        units: "kcal",
        data: [
          { date: "2026-05-18 00:00:00 -0700", qty: 1700, source: "iPhone" },
          { date: "2026-05-19 00:00:00 -0700", qty: 1710, source: "iPhone" },
        ],
      },
    ],
  },
};

export const sleepNight = {
  date: "2025-03-02",
  totalSleep: 7.1,
  asleep: 0,
  core: 4.2,
  deep: 1.1,
  rem: 1.8,
  awake: 0.25,
  sleepStart: "2025-03-01 23:20:10 +0100",
  sleepEnd: "2025-03-02 06:48:40 +0100",
  inBed: 7.6,
  inBedStart: "2025-03-01 23:02:00 +0100",
  inBedEnd: "2025-03-02 06:55:00 +0100",
  source: WATCH,
};

export const legacyNight = {
  date: "2021-06-05",
  asleep: 6.5,
  sleepStart: "2021-06-04 23:40:00 -0400",
  sleepEnd: "2021-06-05 06:10:00 -0400",
  sleepSource: "Jane's iPhone",
  inBed: 7,
  inBedStart: "2021-06-04 23:20:00 -0400",
  inBedEnd: "2021-06-05 06:20:00 -0400",
  inBedSource: "Jane's iPhone",
};

export const sleepSegments = [
  {
    startDate: "2025-03-01 23:10:00 +0100",
    endDate: "2025-03-02 06:50:00 +0100",
    qty: 7.6667,
    value: "In Bed",
    source: WATCH,
  },
  {
    startDate: "2025-03-01 23:30:00 +0100",
    endDate: "2025-03-02 01:10:00 +0100",
    qty: 1.6667,
    value: "Core",
    source: WATCH,
  },
  {
    startDate: "2025-03-02 01:10:00 +0100",
    endDate: "2025-03-02 01:42:30 +0100",
    qty: 0.5417,
    value: "Deep",
    source: WATCH,
  },
  {
    startDate: "2025-03-02 01:42:30 +0100",
    endDate: "2025-03-02 01:50:00 +0100",
    qty: 0.125,
    value: "Awake",
    source: WATCH,
  },
  {
    startDate: "2025-03-02 01:50:00 +0100",
    endDate: "2025-03-02 06:40:00 +0100",
    qty: 4.8333,
    value: "REM",
    source: WATCH,
  },
];

/** The records of one source, with an empty batch for a source that is absent. */
export const recordsOf = (parsed: ParsedIngest, sourceId: string) =>
  parsed.batches.find((batch) => batch.sourceId === sourceId)?.records ?? {};
