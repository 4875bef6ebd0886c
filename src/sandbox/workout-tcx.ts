import type { SyntheticSport, SyntheticWorkout } from "./synthetic";
import { workoutTrack } from "./workout-track";

// A synthetic workout as a Garmin Training Center (TCX) file: one Activity, one Lap, a Track
// of the same samples the FIT files carry. What Google's exportExerciseTcx answers.

// TCX knows only these three sports.
const SPORTS: Record<SyntheticSport, "Running" | "Biking" | "Other"> = {
  run: "Running",
  trail_run: "Running",
  ride: "Biking",
  swim: "Other",
  walk: "Other",
  hike: "Other",
  strength: "Other",
  yoga: "Other",
};

const iso = (at: Date) => at.toISOString().replace(".000Z", "Z");
const escapeXml = (text: string) =>
  text.replace(/[<>&'"]/g, (char) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", "'": "&apos;", '"': "&quot;" })[char]!);

export function workoutTcxFile(workout: SyntheticWorkout, creator: string): string {
  const points = workoutTrack(workout)
    .map((sample) =>
      [
        "          <Trackpoint>",
        `            <Time>${iso(sample.time)}</Time>`,
        sample.lat !== undefined && sample.lon !== undefined
          ? `            <Position><LatitudeDegrees>${sample.lat.toFixed(7)}</LatitudeDegrees><LongitudeDegrees>${sample.lon.toFixed(7)}</LongitudeDegrees></Position>`
          : "",
        `            <AltitudeMeters>${sample.altitudeM}</AltitudeMeters>`,
        `            <DistanceMeters>${sample.distanceM}</DistanceMeters>`,
        `            <HeartRateBpm><Value>${sample.heartRate}</Value></HeartRateBpm>`,
        "          </Trackpoint>",
      ]
        .filter(Boolean)
        .join("\n"),
    )
    .join("\n");
  return `<?xml version="1.0" encoding="UTF-8"?>
<TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2">
  <Activities>
    <Activity Sport="${SPORTS[workout.sport]}">
      <Id>${iso(workout.startAt)}</Id>
      <Lap StartTime="${iso(workout.startAt)}">
        <TotalTimeSeconds>${workout.movingTimeS}</TotalTimeSeconds>
        <DistanceMeters>${workout.distanceM}</DistanceMeters>
        <Calories>${workout.energyKcal}</Calories>
        <AverageHeartRateBpm><Value>${workout.avgHeartRate}</Value></AverageHeartRateBpm>
        <MaximumHeartRateBpm><Value>${workout.maxHeartRate}</Value></MaximumHeartRateBpm>
        <Intensity>Active</Intensity>
        <TriggerMethod>Manual</TriggerMethod>
        <Track>
${points}
        </Track>
      </Lap>
      <Creator xsi:type="Device_t" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><Name>${escapeXml(creator)}</Name></Creator>
    </Activity>
  </Activities>
</TrainingCenterDatabase>
`;
}
