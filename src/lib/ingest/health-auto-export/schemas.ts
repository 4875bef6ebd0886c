import { z } from "zod";

// Health Auto Export REST bodies (shared/providers/apple-health-auto-export.md). Only the
// envelope is checked strictly; metrics and workouts are checked one by one so that one bad
// item is rejected with its path while the rest of the export is still stored.

/** One metric, workout or point before its own schema looks at it: any object. */
export const haeItemSchema = z.object({}).passthrough();
const item = haeItemSchema;

export const haeBodySchema = z
  .object({
    data: z
      .object({
        metrics: z.array(item).optional(),
        workouts: z.array(item).optional(),
      })
      .passthrough(),
  })
  .passthrough();
export type HaeBody = z.infer<typeof haeBodySchema>;

export const haeMetricSchema = z
  .object({
    name: z.string().min(1),
    // The phone's unit for every point; absent on some metrics without a unit (sleep in old exports).
    units: z.string().optional(),
    // May be missing for a selected metric with no data.
    data: z.array(item).default([]),
  })
  .passthrough();
export type HaeMetric = z.infer<typeof haeMetricSchema>;

export const haeQuantitySchema = z.object({ qty: z.number(), units: z.string() }).passthrough();
export type HaeQuantity = z.infer<typeof haeQuantitySchema>;

const quantity = haeQuantitySchema.optional();

/** Plain point: `qty`; heart rate: capitalised `Min`/`Avg`/`Max`; blood pressure: `systolic`/`diastolic`. */
export const haePointSchema = z
  .object({
    date: z.string(),
    qty: z.number().optional(),
    Min: z.number().optional(),
    Avg: z.number().optional(),
    Max: z.number().optional(),
    systolic: z.number().optional(),
    diastolic: z.number().optional(),
    source: z.string().optional(),
  })
  .passthrough();
export type HaePoint = z.infer<typeof haePointSchema>;

const hours = z.number().optional();

/** Aggregated night: current (`totalSleep`, stages) and legacy (`asleep`, `sleepSource`) alike. */
export const haeSleepNightSchema = z
  .object({
    date: z.string(),
    totalSleep: hours,
    asleep: hours,
    core: hours,
    deep: hours,
    rem: hours,
    awake: hours,
    inBed: hours,
    sleepStart: z.string().optional(),
    sleepEnd: z.string().optional(),
    inBedStart: z.string().optional(),
    inBedEnd: z.string().optional(),
    source: z.string().optional(),
    sleepSource: z.string().optional(),
    inBedSource: z.string().optional(),
  })
  .passthrough();
export type HaeSleepNight = z.infer<typeof haeSleepNightSchema>;

/** Unaggregated segment ("Summarize data" off): one stage from `startDate` to `endDate`. */
export const haeSleepSegmentSchema = z
  .object({ startDate: z.string(), endDate: z.string(), value: z.string(), qty: hours, source: z.string().optional() })
  .passthrough();
export type HaeSleepSegment = z.infer<typeof haeSleepSegmentSchema>;

/** Workout, export format v1 or v2; fields whose shape differs between the two are read structurally. */
export const haeWorkoutSchema = z
  .object({
    // v2 only: the HealthKit workout UUID.
    id: z.string().min(1).optional(),
    name: z.string().min(1),
    start: z.string(),
    end: z.string(),
    // v2 only, seconds.
    duration: z.number().optional(),
    location: z.string().optional(),
    isIndoor: z.boolean().optional(),
    source: z.string().optional(),
    distance: quantity,
    // v2 summary; in v1 `activeEnergy` is the summary and in v2 it is a time series.
    activeEnergyBurned: quantity,
    activeEnergy: z.union([haeQuantitySchema, z.array(item)]).optional(),
    totalEnergy: quantity,
    elevationUp: quantity,
    // v1 only.
    elevation: z
      .object({ ascent: z.number().optional(), descent: z.number().optional(), units: z.string() })
      .passthrough()
      .optional(),
    // v2: lower-case keys here, unlike the capitalised ones in heartRateData.
    heartRate: z.object({ min: quantity, avg: quantity, max: quantity }).passthrough().optional(),
    avgHeartRate: quantity,
    maxHeartRate: quantity,
    speed: quantity,
    avgSpeed: quantity,
    maxSpeed: quantity,
    heartRateData: z.array(item).optional(),
    heartRateRecovery: z.array(item).optional(),
    route: z.array(item).optional(),
  })
  .passthrough();
export type HaeWorkout = z.infer<typeof haeWorkoutSchema>;

/** A heart-rate point inside a workout: v2 `Min`/`Avg`/`Max`, v1 `qty`; units per point. */
export const haeWorkoutHeartRateSchema = z
  .object({
    date: z.string(),
    qty: z.number().optional(),
    Min: z.number().optional(),
    Avg: z.number().optional(),
    Max: z.number().optional(),
    units: z.string().optional(),
    source: z.string().optional(),
  })
  .passthrough();

/** Route point: v2 `latitude`/`longitude`, v1 `lat`/`lon`. */
export const haeRoutePointSchema = z
  .object({
    latitude: z.number().optional(),
    longitude: z.number().optional(),
    lat: z.number().optional(),
    lon: z.number().optional(),
  })
  .passthrough();
