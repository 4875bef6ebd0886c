import type { ForwardedWeighIn } from "../weight-types";
import { zoneOffsetSeconds } from "@/lib/time-zone";

// A weigh-in as Garmin Connect's weight service takes it: POST /weight-service/user-weight
// with the local wall-clock time, the same instant in GMT, the unit and the value, as
// python-garminconnect's add_weigh_in sends it (timestamps "YYYY-MM-DDTHH:MM:SS.00", no zone;
// unitKey "kg" or "lbs"). Connect keeps weight only: BMI it works out from the profile's height,
// and body fat would need a FIT weight-scale upload, which is not sent.

export interface ConnectUserWeight {
  dateTimestamp: string;
  gmtTimestamp: string;
  unitKey: "kg";
  value: number;
}

/** Connect's timestamp form: to the second, a two-digit fraction, no zone. */
const connectTimestamp = (epochMs: number) => `${new Date(epochMs).toISOString().slice(0, 19)}.00`;

/** `timeZone` is the person's: the wall clock the weigh-in is filed under on their Connect calendar. */
export function toConnectUserWeight(weighIn: ForwardedWeighIn, timeZone: string): ConnectUserWeight {
  const at = Math.floor(weighIn.measuredAt.getTime() / 1000) * 1000;
  return {
    dateTimestamp: connectTimestamp(at + zoneOffsetSeconds(weighIn.measuredAt, timeZone) * 1000),
    gmtTimestamp: connectTimestamp(at),
    unitKey: "kg",
    // Connect stores grams.
    value: Math.round(weighIn.weightKg * 1000) / 1000,
  };
}
