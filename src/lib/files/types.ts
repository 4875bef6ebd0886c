import type { ActivityType } from "@/lib/sync/activity-types";

export const FILE_FORMATS = ["fit", "gpx", "tcx"] as const;
export type FileFormat = (typeof FILE_FORMATS)[number];

/** One moment of a recording; every reading is optional, as devices record what they have. */
export interface TrackPoint {
  time: Date;
  lat?: number;
  lon?: number;
  altitudeM?: number;
  /** Metres from the start, as the device counted them. */
  distanceM?: number;
  heartRateBpm?: number;
  speedMps?: number;
  powerW?: number;
  /** Steps or revolutions per minute, as the device reports for the sport. */
  cadence?: number;
}

export interface ParsedLap {
  startAt: Date;
  durationS: number | null;
  movingTimeS: number | null;
  distanceM: number | null;
  energyKcal: number | null;
  avgHeartRateBpm: number | null;
  maxHeartRateBpm: number | null;
  avgSpeedMps: number | null;
  avgPowerW: number | null;
  avgCadence: number | null;
}

/**
 * What a FIT, GPX or TCX file says about its activity, in SI units (metres, seconds, kcal, bpm,
 * watts, m/s). A field the file does not carry is null, never 0.
 */
export interface ParsedActivityFile {
  format: FileFormat;
  type: ActivityType;
  /** The file's own sport name ("running", "Biking", "cycling/road"). */
  providerType: string | null;
  name: string | null;
  startAt: Date;
  durationS: number | null;
  movingTimeS: number | null;
  distanceM: number | null;
  elevationGainM: number | null;
  energyKcal: number | null;
  avgHeartRateBpm: number | null;
  maxHeartRateBpm: number | null;
  avgPowerW: number | null;
  avgSpeedMps: number | null;
  maxSpeedMps: number | null;
  device: string | null;
  laps: ParsedLap[];
  points: TrackPoint[];
  /**
   * What could not be read. Non-empty beside a result means the file was damaged (truncated,
   * a bad CRC) and this is what could be recovered.
   */
  warnings: string[];
}
