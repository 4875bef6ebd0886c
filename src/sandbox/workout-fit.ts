import { Encoder, Utils } from "@garmin/fitsdk";
import type {
  ActivityMesg,
  DeviceInfoMesg,
  EventMesg,
  FileIdMesg,
  LapMesg,
  RecordMesg,
  SessionMesg,
} from "@garmin/fitsdk";
import type { SyntheticSport, SyntheticWorkout } from "./synthetic";
import { workoutTrack } from "./workout-track";

// A synthetic workout as the FIT activity file its watch would upload: file_id, timer events,
// a record every 30 s, one lap, one session and the activity message (Garmin's encode recipe,
// shared/providers/fit-files.md §4). Same workout, same bytes.

/** The recording device, as each provider's own watches name themselves in file_id. */
export interface FitDevice {
  manufacturer: NonNullable<FileIdMesg["manufacturer"]>;
  product: number;
  serialNumber: number;
}

const SPORTS: Record<SyntheticSport, [NonNullable<SessionMesg["sport"]>, NonNullable<SessionMesg["subSport"]>]> = {
  run: ["running", "street"],
  trail_run: ["running", "trail"],
  ride: ["cycling", "road"],
  swim: ["swimming", "lapSwimming"],
  walk: ["walking", "generic"],
  hike: ["hiking", "generic"],
  strength: ["training", "strengthTraining"],
  yoga: ["training", "yoga"],
};

// Global message numbers (FIT profile); the SDK's Profile.MesgNum is typed as a loose record.
const MESG = { fileId: 0, session: 18, lap: 19, record: 20, event: 21, deviceInfo: 23, activity: 34 } as const;
const SEMICIRCLES_PER_DEGREE = 2 ** 31 / 180;

export function workoutFitFile(workout: SyntheticWorkout, device: FitDevice): Uint8Array {
  const start = workout.startAt;
  const end = new Date(start.getTime() + workout.durationS * 1000);
  const [sport, subSport] = SPORTS[workout.sport];
  const distance = workout.distanceM > 0 ? { totalDistance: workout.distanceM } : {};
  const encoder = new Encoder();
  const fileId: FileIdMesg = { type: "activity", timeCreated: start, ...device };
  encoder.onMesg(MESG.fileId, fileId);
  const deviceInfo: DeviceInfoMesg = { timestamp: start, deviceIndex: "creator", ...device };
  encoder.onMesg(MESG.deviceInfo, deviceInfo);
  const started: EventMesg = { timestamp: start, event: "timer", eventType: "start" };
  encoder.onMesg(MESG.event, started);
  for (const sample of workoutTrack(workout)) {
    const record: RecordMesg = {
      timestamp: sample.time,
      distance: sample.distanceM,
      altitude: sample.altitudeM,
      heartRate: sample.heartRate,
      speed: sample.speedMps,
      ...(sample.lat !== undefined && sample.lon !== undefined
        ? {
            positionLat: Math.round(sample.lat * SEMICIRCLES_PER_DEGREE),
            positionLong: Math.round(sample.lon * SEMICIRCLES_PER_DEGREE),
          }
        : {}),
      ...(sample.powerW !== undefined ? { power: sample.powerW } : {}),
      ...(sample.cadence !== undefined ? { cadence: sample.cadence } : {}),
    };
    encoder.onMesg(MESG.record, record);
  }
  const stopped: EventMesg = { timestamp: end, event: "timer", eventType: "stopAll" };
  encoder.onMesg(MESG.event, stopped);
  const totals = {
    timestamp: end,
    startTime: start,
    totalElapsedTime: workout.durationS,
    totalTimerTime: workout.movingTimeS,
    ...distance,
    totalCalories: workout.energyKcal,
    totalAscent: workout.elevationGainM,
    avgHeartRate: workout.avgHeartRate,
    maxHeartRate: workout.maxHeartRate,
    ...(workout.distanceM > 0 ? { avgSpeed: workout.distanceM / workout.movingTimeS } : {}),
    ...(workout.avgPowerW ? { avgPower: workout.avgPowerW } : {}),
  };
  const lap: LapMesg = { messageIndex: 0, event: "lap", eventType: "stop", sport, subSport, ...totals };
  encoder.onMesg(MESG.lap, lap);
  const session: SessionMesg = {
    messageIndex: 0,
    event: "session",
    eventType: "stop",
    sport,
    subSport,
    firstLapIndex: 0,
    numLaps: 1,
    ...totals,
  };
  encoder.onMesg(MESG.session, session);
  const activity: ActivityMesg = {
    timestamp: end,
    numSessions: 1,
    totalTimerTime: workout.movingTimeS,
    type: "manual",
    event: "activity",
    eventType: "stop",
    // Local time: the wearer's offset added to the FIT timestamp.
    localTimestamp: Utils.convertDateToDateTime(end) + workout.utcOffsetSeconds,
  };
  encoder.onMesg(MESG.activity, activity);
  return encoder.close();
}
