import { createHash } from "node:crypto";
import { accountUtcOffset } from "@/sandbox/synthetic";
import { addDays, DAY_MS } from "@/lib/dates";
import { civil, civilIso, offset, rfc3339, uuid, type SandboxPoint } from "./sandbox-points";

// Weight, body fat and height in Google Health's JSON. Weight carries grams and never a BMI
// (Google Health has none); height is int64 millimetres, written as a string.

const PROVIDER = "fitbit";
/** The account's Aria scale has weighed since then: "Sync all" finds years of weigh-ins. */
export const SANDBOX_SCALE_SINCE = "2016-03-01";

/** 0 ≤ n < 1, the same for the same parts. */
const unit = (...parts: Array<string | number>) =>
  createHash("sha256").update(parts.join("|")).digest().readUInt32LE(0) / 4294967296;

const dayNumber = (date: string) => Date.parse(`${date}T00:00:00Z`) / DAY_MS;

/**
 * Weigh-ins on local days [fromDate, toDate): every third morning at 07:10 from the day the
 * scale arrived to today, a slow drift plus a little noise, to 0.1 kg as the scale shows it;
 * body fat on every other one of them.
 */
export function sandboxWeighIns(login: string, fromDate: string, toDate: string, now = new Date()) {
  const utcOffsetSeconds = accountUtcOffset(PROVIDER, login);
  const today = new Date(now.getTime() + utcOffsetSeconds * 1000).toISOString().slice(0, 10);
  const first = fromDate > SANDBOX_SCALE_SINCE ? fromDate : SANDBOX_SCALE_SINCE;
  const end = toDate < addDays(today, 1) ? toDate : addDays(today, 1);
  const base = 58 + unit(PROVIDER, login, "weight") * 30;
  const weighIns = [];
  for (let day = first; day < end; day = addDays(day, 1)) {
    const n = dayNumber(day);
    if (n % 3 !== 0) continue;
    const noise = unit(PROVIDER, login, "weigh-in", day) - 0.5;
    weighIns.push({
      measuredAt: new Date(Date.parse(`${day}T07:10:00Z`) - utcOffsetSeconds * 1000),
      utcOffsetSeconds,
      weightKg: Math.round((base + Math.sin(n / 40) * 1.5 + noise * 0.6) * 10) / 10,
      bodyFatPercent: n % 6 === 0 ? Math.round((16 + Math.sin(n / 50) * 2 + noise) * 10) / 10 : null,
    });
  }
  return weighIns;
}

const scale = {
  platform: "FITBIT",
  recordingMethod: "PASSIVELY_MEASURED",
  device: { formFactor: "SCALE", manufacturer: "Fitbit", displayName: "Aria Air" },
};

const sampleKeys = (at: Date, offsetSeconds: number) => ({
  physical_time: at.toISOString(),
  civil_time: civilIso(at, offsetSeconds),
});

const sampleTime = (at: Date, offsetSeconds: number) => ({
  physicalTime: rfc3339(at),
  utcOffset: offset(offsetSeconds),
  civilTime: civil(at, offsetSeconds),
});

export function bodyPoints(
  dataType: "weight" | "body-fat",
  login: string,
  fromDate: string,
  toDate: string,
): SandboxPoint[] {
  return sandboxWeighIns(login, fromDate, toDate).flatMap((weighIn) => {
    if (dataType === "body-fat" && weighIn.bodyFatPercent === null) return [];
    const time = sampleTime(weighIn.measuredAt, weighIn.utcOffsetSeconds);
    const value =
      dataType === "weight"
        ? { weight: { weightGrams: Math.round(weighIn.weightKg * 1000), sampleTime: time } }
        : { bodyFat: { percentage: weighIn.bodyFatPercent, sampleTime: time } };
    return [
      {
        keys: sampleKeys(weighIn.measuredAt, weighIn.utcOffsetSeconds),
        sortKey: weighIn.measuredAt.getTime(),
        json: {
          name: `users/me/dataTypes/${dataType}/dataPoints/${uuid(login, dataType, weighIn.measuredAt.getTime())}`,
          dataSource: scale,
          ...value,
        },
      },
    ];
  });
}

/**
 * The heights the person entered in the Fitbit app: once when the scale arrived and once a few
 * years later; a login starting "no-height" never entered one.
 */
export function sandboxHeights(login: string) {
  if (login.startsWith("no-height")) return [];
  const utcOffsetSeconds = accountUtcOffset(PROVIDER, login);
  const at = (day: string) => new Date(Date.parse(`${day}T20:00:00Z`) - utcOffsetSeconds * 1000);
  const tall = 1650 + Math.round(unit(PROVIDER, login, "height") * 300);
  return [
    { measuredAt: at(SANDBOX_SCALE_SINCE), heightMm: tall - 5, utcOffsetSeconds },
    { measuredAt: at("2021-06-10"), heightMm: tall, utcOffsetSeconds },
  ];
}

export function heightPoints(login: string, fromDate: string, toDate: string): SandboxPoint[] {
  return sandboxHeights(login)
    .filter((height) => {
      const day = civilIso(height.measuredAt, height.utcOffsetSeconds).slice(0, 10);
      return day >= fromDate && day < toDate;
    })
    .map((height) => ({
      keys: sampleKeys(height.measuredAt, height.utcOffsetSeconds),
      sortKey: height.measuredAt.getTime(),
      json: {
        name: `users/me/dataTypes/height/dataPoints/${uuid(login, "height", height.measuredAt.getTime())}`,
        dataSource: { platform: "FITBIT", recordingMethod: "MANUAL" },
        height: {
          heightMillimeters: String(height.heightMm),
          sampleTime: sampleTime(height.measuredAt, height.utcOffsetSeconds),
        },
      },
    }));
}
