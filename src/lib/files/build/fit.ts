import { Encoder, Profile, Utils } from "@garmin/fitsdk";
import type { ActivityMesg, EventMesg, FileIdMesg, LapMesg, RecordMesg, SessionMesg } from "@garmin/fitsdk";
import type { ActivityFileInput } from "./input";
import { fitSportFor } from "./fit-sport";
import { GENERATED_DESCRIPTION } from "./generated";
import { buildTimeline, type Timeline } from "./timeline";

// The SDK types MesgNum as a plain record; these six are in every profile version.
const MESG_NUM = Profile.MesgNum as Record<"FILE_ID" | "EVENT" | "RECORD" | "LAP" | "SESSION" | "ACTIVITY", number>;
const SEMICIRCLES_PER_DEGREE = 2 ** 31 / 180;

/** A whole number within a FIT field's range, or undefined (the field is then left out). */
function whole(value: number | null | undefined, max: number): number | undefined {
  if (value == null || !Number.isFinite(value)) return undefined;
  return Math.min(max, Math.max(0, Math.round(value)));
}

/** A scaled value the encoder rounds itself, kept inside the field's range after scaling. */
function scaled(value: number | null | undefined, scale: number, max: number): number | undefined {
  if (value == null || !Number.isFinite(value) || value < 0) return undefined;
  return Math.min(value, max / scale);
}

// A stable serial number per activity, so the same activity always builds the same bytes.
const serialNumberOf = (activityId: string) => parseInt(activityId.replaceAll("-", "").slice(0, 8), 16) || 1;

function heartRateSummary(timeline: Timeline) {
  const values = timeline.points.flatMap((point) => (point.heartRateBpm === undefined ? [] : [point.heartRateBpm]));
  if (values.length === 0) return { avg: null, max: null };
  return { avg: values.reduce((sum, value) => sum + value, 0) / values.length, max: Math.max(...values) };
}

function record(point: Timeline["points"][number]): RecordMesg {
  const mesg: RecordMesg = { timestamp: point.time };
  if (point.lat !== undefined && point.lon !== undefined) {
    mesg.positionLat = Math.round(point.lat * SEMICIRCLES_PER_DEGREE);
    mesg.positionLong = Math.round(point.lon * SEMICIRCLES_PER_DEGREE);
  }
  if (point.distanceM !== undefined) mesg.distance = scaled(point.distanceM, 100, 0xfffffffe);
  if (point.heartRateBpm !== undefined) mesg.heartRate = whole(point.heartRateBpm, 254);
  if (point.speedMps !== undefined) mesg.speed = scaled(point.speedMps, 1000, 0xfffe);
  // altitude is stored (m + 500) × 5 in a uint16: -500 m to 12,606 m.
  if (point.altitudeM !== undefined && point.altitudeM >= -500 && point.altitudeM <= 12_606) {
    mesg.altitude = point.altitudeM;
  }
  if (point.powerW !== undefined) mesg.power = whole(point.powerW, 0xfffe);
  if (point.cadence !== undefined) mesg.cadence = whole(point.cadence, 254);
  return mesg;
}

/**
 * A FIT activity file from the stored summary and samples, in the shape Garmin's encode recipe
 * asks for: file_id, timer start, the records, timer stop, one lap, one session, the activity.
 * Deterministic: the same activity and samples give the same bytes (time_created is the
 * activity's start, not the moment of building), so an export of it can be resumed by range.
 */
export function buildFit(input: ActivityFileInput): Uint8Array {
  const { activity } = input;
  const timeline = buildTimeline(input);
  const { start, end, durationS } = timeline;
  const { sport, subSport } = fitSportFor(activity.type);
  const heartRate = heartRateSummary(timeline);
  const summary = {
    timestamp: end,
    startTime: start,
    totalElapsedTime: scaled(durationS, 1000, 0xfffffffe),
    totalTimerTime: scaled(activity.movingTimeS ?? durationS, 1000, 0xfffffffe),
    totalDistance: scaled(activity.distanceM ?? timeline.routeLengthM, 100, 0xfffffffe),
    totalCalories: whole(activity.energyKcal, 0xfffe),
    totalAscent: whole(activity.elevationGainM, 0xfffe),
    avgHeartRate: whole(activity.avgHeartRateBpm ?? heartRate.avg, 254),
    maxHeartRate: whole(activity.maxHeartRateBpm ?? heartRate.max, 254),
    avgSpeed: scaled(activity.avgSpeedMps, 1000, 0xfffe),
    maxSpeed: scaled(activity.maxSpeedMps, 1000, 0xfffe),
    avgPower: whole(activity.avgPowerW, 0xfffe),
  };

  const encoder = new Encoder();
  const fileId: FileIdMesg = {
    type: "activity",
    manufacturer: "development",
    product: 0,
    productName: GENERATED_DESCRIPTION,
    serialNumber: serialNumberOf(activity.id),
    timeCreated: start,
  };
  encoder.onMesg(MESG_NUM.FILE_ID, fileId);
  const timerStart: EventMesg = { timestamp: start, event: "timer", eventType: "start" };
  encoder.onMesg(MESG_NUM.EVENT, timerStart);
  for (const point of timeline.points) encoder.onMesg(MESG_NUM.RECORD, record(point));
  const timerStop: EventMesg = { timestamp: end, event: "timer", eventType: "stopAll" };
  encoder.onMesg(MESG_NUM.EVENT, timerStop);
  const lap: LapMesg = { messageIndex: 0, event: "lap", eventType: "stop", sport, subSport, ...summary };
  encoder.onMesg(MESG_NUM.LAP, lap);
  const session: SessionMesg = {
    messageIndex: 0,
    event: "session",
    eventType: "stop",
    sport,
    subSport,
    firstLapIndex: 0,
    numLaps: 1,
    ...summary,
  };
  encoder.onMesg(MESG_NUM.SESSION, session);
  const localOffset = activity.utcOffsetSeconds;
  const activityMesg: ActivityMesg = {
    timestamp: end,
    numSessions: 1,
    type: "manual",
    event: "activity",
    eventType: "stop",
    totalTimerTime: summary.totalTimerTime,
    ...(localOffset == null ? {} : { localTimestamp: Utils.convertDateToDateTime(end) + localOffset }),
  };
  encoder.onMesg(MESG_NUM.ACTIVITY, activityMesg);
  return encoder.close();
}
