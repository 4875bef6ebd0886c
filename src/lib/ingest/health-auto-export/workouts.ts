import { createHash } from "node:crypto";
import type { ActivityRecord } from "@/lib/sync/records";
import type { BatchCollector } from "./batches";
import { parseHaeDate } from "./dates";
import { firstIssue } from "./issues";
import { routePolyline } from "./route-polyline";
import { haeWorkoutSchema, type HaeQuantity, type HaeWorkout } from "./schemas";
import { convert, toBase, type Dimension } from "./units";
import { workoutHeartRate } from "./workout-heart-rate";
import { workoutType } from "./workout-types";

/** v1 workouts have no id: a hash of what identifies one, so the same workout always gets the same id. */
export function v1WorkoutId(workout: Pick<HaeWorkout, "name" | "start" | "end" | "source">): string {
  const key = [workout.name, workout.start, workout.end, workout.source ?? ""].join("\u0000");
  return `v1:${createHash("sha256").update(key).digest("hex").slice(0, 32)}`;
}

/** The workout as stored in `raw`: every array (route, heart-rate and metric series) left out. */
const withoutSeries = (workout: HaeWorkout) =>
  Object.fromEntries(Object.entries(workout).filter(([, value]) => !Array.isArray(value)));

export function parseWorkout(raw: Record<string, unknown>, path: string, collector: BatchCollector): void {
  const parsed = haeWorkoutSchema.safeParse(raw);
  if (!parsed.success) return collector.reject(path, firstIssue(parsed.error));
  const workout = parsed.data;
  const start = parseHaeDate(workout.start);
  const end = parseHaeDate(workout.end);
  if (!start) return collector.reject(`${path}.start`, `unparseable date "${workout.start}"`);
  if (!end) return collector.reject(`${path}.end`, `unparseable date "${workout.end}"`);

  const quantity = (
    field: string,
    value: HaeQuantity | undefined,
    dimension: Exclude<Dimension, "temperature">,
    target: string,
  ) => {
    if (!value) return null;
    const converted = convert(dimension, value.qty, value.units, target);
    if (converted === null) collector.reject(`${path}.${field}`, `unknown unit "${value.units}" for ${field}`);
    return converted;
  };
  // v1's activeEnergy is the summary quantity; v2's is a per-minute series beside activeEnergyBurned.
  const energy = workout.activeEnergyBurned ?? (Array.isArray(workout.activeEnergy) ? undefined : workout.activeEnergy);
  const elevationGainM = workout.elevationUp
    ? quantity("elevationUp", workout.elevationUp, "length", "m")
    : workout.elevation?.ascent !== undefined
      ? toBase("length", workout.elevation.ascent, workout.elevation.units)
      : null;
  const externalId = workout.id ?? v1WorkoutId(workout);
  const source = workout.source ?? "";
  const heartRate = workoutHeartRate(workout, externalId, end.instant, `${path}`, collector);

  const record: ActivityRecord = {
    externalId,
    type: workoutType(workout.name, workout.location, workout.isIndoor),
    providerType: workout.name,
    name: workout.name,
    startAt: start.instant,
    utcOffsetSeconds: start.utcOffsetSeconds,
    durationS: workout.duration ?? (end.instant.getTime() - start.instant.getTime()) / 1000,
    movingTimeS: null,
    distanceM: quantity("distance", workout.distance, "length", "m"),
    elevationGainM,
    energyKcal: energy
      ? quantity(workout.activeEnergyBurned ? "activeEnergyBurned" : "activeEnergy", energy, "energy", "kcal")
      : null,
    // Issue #60: when heartRateData was really the recovery series, the summaries were wrong too.
    avgHeartRateBpm: heartRate.onlyRecovery
      ? null
      : quantity("avgHeartRate", workout.heartRate?.avg ?? workout.avgHeartRate, "frequency", "bpm"),
    maxHeartRateBpm: heartRate.onlyRecovery
      ? null
      : quantity("maxHeartRate", workout.heartRate?.max ?? workout.maxHeartRate, "frequency", "bpm"),
    avgPowerW: null,
    avgSpeedMps: quantity("avgSpeed", workout.avgSpeed ?? workout.speed, "speed", "m/s"),
    maxSpeedMps: quantity("maxSpeed", workout.maxSpeed, "speed", "m/s"),
    device: null,
    polyline: routePolyline(workout.route),
    raw: withoutSeries(workout),
  };
  if (!workout.elevationUp && elevationGainM === null && workout.elevation?.ascent !== undefined) {
    collector.reject(`${path}.elevation`, `unknown unit "${workout.elevation.units}" for elevation`);
  }
  if (!collector.add(source, "activities", record, path)) return;
  for (const sample of heartRate.samples) collector.add(source, "samples", sample);
}
