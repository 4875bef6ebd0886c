import type { TrackPoint } from "../types";
import { toNumber } from "./collect";
import type { XmlNode } from "./xml";
import { text } from "./xml";

// Sensor readings as GPX and TCX extensions name them, prefixes already removed: Garmin's
// TrackPointExtension (hr, cad, speed), ActivityExtension TPX (Speed, Watts, RunCadence), Garmin's
// PowerExtension (PowerInWatts), and the bare <power>/<heartrate>/<cadence> some exporters write.
const READINGS: Record<string, keyof Pick<TrackPoint, "heartRateBpm" | "cadence" | "speedMps" | "powerW">> = {
  hr: "heartRateBpm",
  heartrate: "heartRateBpm",
  cad: "cadence",
  cadence: "cadence",
  runcadence: "cadence",
  speed: "speedMps",
  power: "powerW",
  watts: "powerW",
  powerinwatts: "powerW",
};

/** Copies the readings found in an <extensions> element (at most three levels down) onto the point. */
export function readExtensions(extensions: unknown, point: TrackPoint, depth = 0) {
  if (!extensions || typeof extensions !== "object" || depth > 3) return;
  for (const [name, value] of Object.entries(extensions as XmlNode)) {
    if (name.startsWith("@_")) continue;
    const key = Object.hasOwn(READINGS, name.toLowerCase()) ? READINGS[name.toLowerCase()] : undefined;
    const reading = key ? toNumber(text(Array.isArray(value) ? value[0] : value)) : undefined;
    if (key && reading !== undefined) {
      if (point[key] === undefined) point[key] = reading;
    } else for (const item of Array.isArray(value) ? value : [value]) readExtensions(item, point, depth + 1);
  }
}
