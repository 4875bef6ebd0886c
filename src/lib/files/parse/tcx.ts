import { AppError } from "@/lib/errors";
import type { ParsedActivityFile, ParsedLap, TrackPoint } from "../types";
import { PointCollector, toNumber } from "./collect";
import { readExtensions } from "./extensions";
import { summarizePoints } from "./points";
import { child, children, parseXml, text, type XmlNode, xmlWarnings } from "./xml";
import { xmlActivityType } from "./xml-sports";

const numberAt = (node: unknown, ...path: string[]): number | null => {
  let at: unknown = node;
  for (const name of path.slice(0, -1)) at = child(at, name);
  const last = path.at(-1)!;
  const value = at && typeof at === "object" ? (at as XmlNode)[last] : undefined;
  return toNumber(text(Array.isArray(value) ? value[0] : value)) ?? null;
};

function toPoint(trackpoint: XmlNode): TrackPoint {
  const time = text(trackpoint.Time);
  const point: TrackPoint = { time: time ? new Date(time) : new Date(NaN) };
  const position = child(trackpoint, "Position");
  if (position) {
    point.lat = numberAt(position, "LatitudeDegrees") ?? NaN;
    point.lon = numberAt(position, "LongitudeDegrees") ?? NaN;
  }
  const readings = {
    altitudeM: numberAt(trackpoint, "AltitudeMeters"),
    distanceM: numberAt(trackpoint, "DistanceMeters"),
    heartRateBpm: numberAt(trackpoint, "HeartRateBpm", "Value"),
    cadence: numberAt(trackpoint, "Cadence"),
  };
  for (const [key, value] of Object.entries(readings)) if (value !== null) point[key as keyof typeof readings] = value;
  readExtensions(trackpoint.Extensions, point);
  return point;
}

function toLap(lap: XmlNode): ParsedLap {
  const seconds = numberAt(lap, "TotalTimeSeconds");
  const distanceM = numberAt(lap, "DistanceMeters");
  const extension = child(child(lap, "Extensions"), "LX");
  return {
    startAt: new Date(text(lap["@_StartTime"]) ?? NaN),
    // TCX has one lap time, the timer's (pauses left out); it is both for want of another.
    durationS: seconds,
    movingTimeS: seconds,
    distanceM,
    energyKcal: numberAt(lap, "Calories"),
    avgHeartRateBpm: numberAt(lap, "AverageHeartRateBpm", "Value"),
    maxHeartRateBpm: numberAt(lap, "MaximumHeartRateBpm", "Value"),
    avgSpeedMps: numberAt(extension, "AvgSpeed") ?? (distanceM !== null && seconds ? distanceM / seconds : null),
    avgPowerW: numberAt(extension, "AvgWatts"),
    avgCadence: numberAt(lap, "Cadence") ?? numberAt(extension, "AvgRunCadence"),
  };
}

const sum = (values: (number | null)[]) =>
  values.some((v) => v !== null) ? values.reduce<number>((total, v) => total + (v ?? 0), 0) : null;
function weightedByTime(laps: ParsedLap[], pick: (lap: ParsedLap) => number | null): number | null {
  let total = 0;
  let weight = 0;
  for (const lap of laps) {
    const value = pick(lap);
    if (value === null || !lap.movingTimeS) continue;
    total += value * lap.movingTimeS;
    weight += lap.movingTimeS;
  }
  return weight ? total / weight : null;
}

/** TCX (Garmin Training Center): the first Activity, its laps' totals, and every Track/Trackpoint. */
export function parseTcx(bytes: Uint8Array): ParsedActivityFile {
  const xml = parseXml(bytes, {
    label: "TCX",
    rootTag: "TrainingCenterDatabase",
    pointTag: "Trackpoint",
    arrays: ["Activity", "Lap", "Track", "Trackpoint"],
  });
  const database = child(xml.root, "TrainingCenterDatabase");
  if (!database) throw new AppError("INVALID_INPUT", "The file is not TCX: it has no <TrainingCenterDatabase> root.");
  const activities = children(child(database, "Activities"), "Activity");
  const activity = activities[0];
  const lapNodes = children(activity, "Lap");
  const collector = new PointCollector();
  for (const lap of lapNodes)
    for (const track of children(lap, "Track"))
      for (const trackpoint of children(track, "Trackpoint")) collector.add(toPoint(trackpoint));
  const points = collector.points;
  const laps = lapNodes.map(toLap).filter((lap) => !Number.isNaN(lap.startAt.getTime()));
  const idTime = new Date(text(activity?.Id) ?? NaN);
  const startAt = laps[0]?.startAt ?? points[0]?.time ?? (Number.isNaN(idTime.getTime()) ? undefined : idTime);
  if (!activity || !startAt || (!laps.length && !points.length))
    throw new AppError("INVALID_INPUT", "The TCX file holds no activity: no laps and no track points with a time.");

  const warnings = collector.warnings();
  warnings.push(...xmlWarnings(xml, points));
  if (activities.length > 1) warnings.push(`The file holds ${activities.length} activities; only the first was read.`);
  const fromPoints = summarizePoints(points);
  const movingTimeS = sum(laps.map((lap) => lap.movingTimeS));
  const distanceM = sum(laps.map((lap) => lap.distanceM)) ?? fromPoints.distanceM;
  const lastLap = laps.at(-1);
  const lapsEnd = lastLap ? lastLap.startAt.getTime() + (lastLap.durationS ?? 0) * 1000 : 0;
  const end = Math.max(lapsEnd, points.at(-1)?.time.getTime() ?? 0);
  const maxLapHr = laps.map((lap) => lap.maxHeartRateBpm).filter((v): v is number => v !== null);
  const maxLapSpeed = lapNodes.map((lap) => numberAt(lap, "MaximumSpeed")).filter((v): v is number => v !== null);
  const providerType = text(activity["@_Sport"])?.trim() || null;
  return {
    format: "tcx",
    type: xmlActivityType(providerType),
    providerType,
    name: null,
    startAt,
    durationS: end > startAt.getTime() ? (end - startAt.getTime()) / 1000 : movingTimeS,
    movingTimeS,
    distanceM,
    elevationGainM: fromPoints.elevationGainM,
    energyKcal: sum(laps.map((lap) => lap.energyKcal)),
    avgHeartRateBpm: weightedByTime(laps, (lap) => lap.avgHeartRateBpm) ?? fromPoints.avgHeartRateBpm,
    maxHeartRateBpm: maxLapHr.length ? Math.max(...maxLapHr) : fromPoints.maxHeartRateBpm,
    avgPowerW: fromPoints.avgPowerW ?? weightedByTime(laps, (lap) => lap.avgPowerW),
    avgSpeedMps: distanceM !== null && movingTimeS ? distanceM / movingTimeS : fromPoints.avgSpeedMps,
    maxSpeedMps: maxLapSpeed.length ? Math.max(...maxLapSpeed) : fromPoints.maxSpeedMps,
    device: text(child(activity, "Creator")?.Name)?.trim() || null,
    laps,
    points,
    warnings,
  };
}
