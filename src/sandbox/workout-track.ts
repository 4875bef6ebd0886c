import type { SyntheticWorkout } from "./synthetic";

// What a watch would have recorded during a synthetic workout, every half minute: a loop
// around a fixed point (for outdoor sports with a distance), heart rate around the workout's
// average, altitude rolling gently. Deterministic: the same workout gives the same track, so a
// sandbox file has the same bytes every time it is asked for.

export interface TrackSample {
  time: Date;
  /** Metres from the start. */
  distanceM: number;
  lat?: number;
  lon?: number;
  altitudeM: number;
  heartRate: number;
  speedMps: number;
  powerW?: number;
  cadence?: number;
}

// Every 30 s: the SDK encodes a record in ~0.1 ms, and a sync downloads dozens of files at once.
export const TRACK_INTERVAL_S = 30;
const EARTH_M_PER_DEGREE = 111_320;
const INDOOR: ReadonlySet<SyntheticWorkout["sport"]> = new Set(["swim", "strength", "yoga"]);

export const hasRoute = (workout: SyntheticWorkout) => workout.distanceM > 0 && !INDOOR.has(workout.sport);

/** The loop's centre: somewhere around Zurich, a little different for each workout. */
function centreOf(workout: SyntheticWorkout) {
  return { lat: 47.3 + (workout.id % 1000) / 10_000, lon: 8.5 + (workout.id % 777) / 10_000 };
}

export function workoutTrack(workout: SyntheticWorkout): TrackSample[] {
  const seconds = workout.durationS;
  const speed = workout.movingTimeS > 0 ? workout.distanceM / workout.movingTimeS : 0;
  const laps = Math.max(1, Math.round(workout.distanceM / 5000));
  const radius = workout.distanceM / (2 * Math.PI * laps);
  const centre = centreOf(workout);
  const isRide = workout.sport === "ride";
  const offsets: number[] = [];
  for (let offset = 0; offset < seconds; offset += TRACK_INTERVAL_S) offsets.push(offset);
  offsets.push(seconds);
  return offsets.map((offset) => {
    const share = seconds > 0 ? offset / seconds : 0;
    const distanceM = Math.round(workout.distanceM * share * 10) / 10;
    const wave = Math.sin(offset / 97);
    const sample: TrackSample = {
      time: new Date(workout.startAt.getTime() + offset * 1000),
      distanceM,
      altitudeM: Math.round((420 + 15 * Math.sin(offset / 600)) * 10) / 10,
      heartRate: Math.min(workout.maxHeartRate, Math.round(workout.avgHeartRate + 8 * wave)),
      speedMps: Math.round(speed * (1 + 0.04 * wave) * 1000) / 1000,
    };
    if (hasRoute(workout)) {
      const angle = (2 * Math.PI * laps * distanceM) / workout.distanceM;
      sample.lat = centre.lat + (radius * Math.sin(angle)) / EARTH_M_PER_DEGREE;
      sample.lon =
        centre.lon + (radius * (1 - Math.cos(angle))) / (EARTH_M_PER_DEGREE * Math.cos((centre.lat * Math.PI) / 180));
    }
    if (isRide && workout.avgPowerW) sample.powerW = Math.round(workout.avgPowerW + 25 * wave);
    if (workout.distanceM > 0) sample.cadence = isRide ? 88 : 86;
    return sample;
  });
}
