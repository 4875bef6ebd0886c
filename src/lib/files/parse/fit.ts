import { Decoder, Stream, type FitMessages, type LapMesg, type RecordMesg } from "@garmin/fitsdk";
import { AppError } from "@/lib/errors";
import type { ParsedActivityFile, ParsedLap, TrackPoint } from "../types";
import { PointCollector } from "./collect";
import { fitActivityType, fitProviderType } from "./fit-sports";
import { num, summarizeSessions } from "./fit-summary";
import { summarizePoints } from "./points";

const DEGREES_PER_SEMICIRCLE = 180 / 2 ** 31;

const toDate = (value: unknown): Date | undefined =>
  value instanceof Date && !Number.isNaN(value.getTime()) ? value : undefined;

function toPoint(record: RecordMesg): TrackPoint | null {
  const time = toDate(record.timestamp);
  if (!time) return null;
  const point: TrackPoint = { time };
  if (typeof record.positionLat === "number" && typeof record.positionLong === "number") {
    point.lat = record.positionLat * DEGREES_PER_SEMICIRCLE;
    point.lon = record.positionLong * DEGREES_PER_SEMICIRCLE;
  }
  const altitude = num(record.enhancedAltitude) ?? num(record.altitude);
  if (altitude !== null) point.altitudeM = altitude;
  const speed = num(record.enhancedSpeed) ?? num(record.speed);
  if (speed !== null) point.speedMps = speed;
  if (typeof record.distance === "number") point.distanceM = record.distance;
  if (typeof record.heartRate === "number") point.heartRateBpm = record.heartRate;
  if (typeof record.power === "number") point.powerW = record.power;
  if (typeof record.cadence === "number") point.cadence = record.cadence;
  return point;
}

function toLap(lap: LapMesg): ParsedLap | null {
  const startAt = toDate(lap.startTime) ?? toDate(lap.timestamp);
  if (!startAt) return null;
  return {
    startAt,
    durationS: num(lap.totalElapsedTime),
    movingTimeS: num(lap.totalTimerTime),
    distanceM: num(lap.totalDistance),
    energyKcal: num(lap.totalCalories),
    avgHeartRateBpm: num(lap.avgHeartRate),
    maxHeartRateBpm: num(lap.maxHeartRate),
    avgSpeedMps: num(lap.enhancedAvgSpeed) ?? num(lap.avgSpeed),
    avgPowerW: num(lap.avgPower),
    avgCadence: num(lap.avgCadence),
  };
}

function sportOf(messages: FitMessages): { type: ParsedActivityFile["type"]; providerType: string | null } {
  const sessions = (messages.sessionMesgs ?? []).filter((s) => s.sport !== "transition");
  const sports = new Set(sessions.map((s) => fitProviderType(s.sport, s.subSport)));
  if (sports.size > 1) return { type: "other", providerType: "multisport" };
  const source = sessions[0] ?? messages.sportMesgs?.[0] ?? messages.lapMesgs?.[0];
  return {
    type: fitActivityType(source?.sport, source?.subSport),
    providerType: fitProviderType(source?.sport, source?.subSport),
  };
}

/** "garmin fr945": the recording device, from the creator's device_info or else file_id. */
function deviceOf(messages: FitMessages): string | null {
  const creator =
    messages.deviceInfoMesgs?.find((d) => d.deviceIndex === "creator" || d.deviceIndex === 0) ??
    messages.fileIdMesgs?.[0];
  if (!creator) return null;
  const product = creator.productName ?? creator.garminProduct ?? creator.faveroProduct ?? creator.product;
  const parts = [creator.manufacturer, product].filter((p) => p !== undefined && p !== null && p !== "");
  return parts.length ? parts.join(" ") : null;
}

function describeError(error: unknown, points: TrackPoint[]): string {
  const message = error instanceof Error ? error.message : String(error);
  const minutes =
    points.length > 1 ? Math.floor((points.at(-1)!.time.getTime() - points[0]!.time.getTime()) / 60_000) : 0;
  const kept = points.length ? `the first ${minutes} minutes were read` : "no track points could be read";
  if (/end of stream/i.test(message)) return `The file ends early (truncated); ${kept}.`;
  if (/CRC error/i.test(message)) return `The file's checksum does not match (it may be damaged); ${kept}.`;
  return `The file is damaged (${message.replace(/^FIT Runtime Error\s*/, "")}); ${kept}.`;
}

export function parseFit(bytes: Uint8Array): ParsedActivityFile {
  const stream = Stream.fromBuffer(bytes);
  if (!Decoder.isFIT(stream))
    throw new AppError("INVALID_INPUT", "This is not a FIT file: its header does not say .FIT.");
  const { messages, errors } = new Decoder(stream).read();

  const fileType = messages.fileIdMesgs?.[0]?.type;
  if (typeof fileType === "string" && fileType !== "activity")
    throw new AppError("INVALID_INPUT", `This FIT file is a ${fileType} file, not a recorded activity.`);

  const collector = new PointCollector();
  for (const record of messages.recordMesgs ?? []) {
    const point = toPoint(record);
    if (point) collector.add(point);
  }
  const points = collector.points;
  const sessions = (messages.sessionMesgs ?? []).filter((s) => toDate(s.startTime) ?? toDate(s.timestamp));
  const startAt =
    sessions.map((s) => toDate(s.startTime) ?? toDate(s.timestamp)!).sort((a, b) => a.getTime() - b.getTime())[0] ??
    points[0]?.time;
  if (!startAt || (!sessions.length && !points.length)) {
    const why = errors.length ? ` ${describeError(errors[0], [])}` : "";
    throw new AppError(
      "INVALID_INPUT",
      `The FIT file holds no activity: no session and no records could be read.${why}`,
    );
  }

  const warnings = errors.map((error) => describeError(error, points));
  warnings.push(...collector.warnings());
  const fromPoints = summarizePoints(points);
  let summary: ReturnType<typeof summarizeSessions>;
  if (sessions.length) summary = summarizeSessions(sessions);
  else {
    warnings.push("The file has no session summary; the totals were worked out from its records.");
    summary = { ...fromPoints, movingTimeS: null, energyKcal: null };
  }

  return {
    format: "fit",
    ...sportOf(messages),
    name: messages.workoutMesgs?.[0]?.wktName ?? null,
    startAt,
    durationS: summary.durationS ?? fromPoints.durationS,
    movingTimeS: summary.movingTimeS,
    distanceM: summary.distanceM ?? fromPoints.distanceM,
    elevationGainM: summary.elevationGainM ?? fromPoints.elevationGainM,
    energyKcal: summary.energyKcal,
    avgHeartRateBpm: summary.avgHeartRateBpm ?? fromPoints.avgHeartRateBpm,
    maxHeartRateBpm: summary.maxHeartRateBpm ?? fromPoints.maxHeartRateBpm,
    avgPowerW: summary.avgPowerW ?? fromPoints.avgPowerW,
    avgSpeedMps: summary.avgSpeedMps ?? fromPoints.avgSpeedMps,
    maxSpeedMps: summary.maxSpeedMps ?? fromPoints.maxSpeedMps,
    device: deviceOf(messages),
    laps: (messages.lapMesgs ?? []).map(toLap).filter((lap): lap is ParsedLap => lap !== null),
    points,
    warnings,
  };
}
