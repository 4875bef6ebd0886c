import {
  accountUtcOffset,
  syntheticDays,
  syntheticNights,
  syntheticWorkouts,
  type SyntheticSport,
  type SyntheticWorkout,
} from "@/sandbox/synthetic";
import type { SandboxRequest } from "@/sandbox/types";
import { authenticateDataCall, corosError, corosOk } from "./sandbox-envelope";
import { corosFitUrl, corosLabelId } from "./sandbox-files";
import { DAY_MS } from "@/lib/dates";

const MAX_RANGE_DAYS = 30;
const MODES: Record<SyntheticSport, [number, number]> = {
  run: [8, 1],
  trail_run: [15, 1],
  ride: [9, 1],
  swim: [10, 2],
  walk: [31, 1],
  hike: [16, 1],
  strength: [23, 1],
  yoga: [42, 1],
};

const isoOf = (yyyymmdd: string) => `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}`;
/** "YYYY-MM-DD HH:mm:ss" in the wearer's time, as the daily summary writes sleep times. */
const localTime = (instant: Date, offsetS: number) =>
  new Date(instant.getTime() + offsetS * 1000).toISOString().replace("T", " ").slice(0, 19);

type Checked = { account: string; from: string; to: string };

/** COROS's rules for every data call: token + openId in the query, yyyyMMdd dates, ≤30 days, ≤3 months back. */
function check(request: SandboxRequest, path: string): Checked | Response {
  request.state.record({ provider: "coros", method: "GET", path });
  const account = authenticateDataCall(request);
  if (account instanceof Response) return account;
  const query = request.url.searchParams;
  const [start, end] = [query.get("startDate") ?? "", query.get("endDate") ?? ""];
  if (!/^\d{8}$/.test(start) || !/^\d{8}$/.test(end))
    return corosError("invalid_request", "startDate and endDate must be yyyyMMdd.");
  const [from, to] = [isoOf(start), isoOf(end)];
  const span = (Date.parse(to) - Date.parse(from)) / DAY_MS + 1;
  if (!(span >= 1 && span <= MAX_RANGE_DAYS))
    return corosError("invalid_request", "The maximum date range for one query is 30 days.");
  const threeMonthsAgo = new Date();
  threeMonthsAgo.setUTCMonth(threeMonthsAgo.getUTCMonth() - 3);
  if (from < threeMonthsAgo.toISOString().slice(0, 10))
    return corosError("invalid_request", "The query date may not be earlier than three months before today.");
  return { account, from, to };
}

export function workoutJson(workout: SyntheticWorkout, login: string) {
  const [mode, subMode] = MODES[workout.sport];
  const labelId = corosLabelId(workout);
  const startTime = Math.floor(workout.startAt.getTime() / 1000);
  const timezone = workout.utcOffsetSeconds / 900;
  const steps = mode === 8 || mode === 15 ? Math.round((workout.movingTimeS / 60) * 172) : 0;
  return {
    labelId,
    mode,
    subMode,
    deviceName: "COROS PACE 3",
    distance: workout.distanceM,
    duration: workout.movingTimeS,
    startTime,
    endTime: startTime + workout.durationS,
    startTimezone: timezone,
    endTimezone: timezone,
    // In calories, as the Training Hub reports them; the reference leaves the unit open.
    calorie: workout.energyKcal * 1000,
    // Pace in s/km, as the reference is quoted.
    avgSpeed: workout.distanceM ? Math.round(workout.movingTimeS / (workout.distanceM / 1000)) : 0,
    avgFrequency: steps ? 172 : 0,
    step: steps,
    fitUrl: corosFitUrl(login, labelId),
  };
}

/** GET /v2/coros/sport/list?token&openId&startDate&endDate: workouts started on those local dates, no paging. */
export function listCorosWorkouts(request: SandboxRequest): Response {
  const checked = check(request, "/v2/coros/sport/list");
  if (checked instanceof Response) return checked;
  const offsetMs = accountUtcOffset("coros", checked.account) * 1000;
  const from = new Date(Date.parse(checked.from) - offsetMs);
  const to = new Date(Date.parse(checked.to) + DAY_MS - offsetMs);
  return corosOk(
    syntheticWorkouts("coros", checked.account, from, to).map((workout) => workoutJson(workout, checked.account)),
  );
}

/** GET /coros/daily/query?token&openId&startDate&endDate: `data.dailyList`, one entry per local day. */
export function listCorosDailies(request: SandboxRequest): Response {
  const checked = check(request, "/coros/daily/query");
  if (checked instanceof Response) return checked;
  const nights = new Map(
    syntheticNights("coros", checked.account, checked.from, checked.to).map((night) => [night.localDate, night]),
  );
  const dailyList = syntheticDays("coros", checked.account, checked.from, checked.to).map((day) => {
    const night = nights.get(day.localDate);
    const morning = night ? Math.floor(night.bedtimeEnd.getTime() / 1000) : undefined;
    return {
      happenDay: Number(day.localDate.replaceAll("-", "")),
      step: day.steps,
      calorie: day.totalEnergyKcal * 1000,
      rhr: day.restingHeartRate,
      ppgHrv: day.hrvMs,
      hrvList: morning ? [{ hrv: day.hrvMs, hr: day.restingHeartRate + 2, timestamp: morning }] : [],
      ...(night
        ? {
            sleepStartTime: localTime(night.bedtimeStart, night.utcOffsetSeconds),
            sleepEndTime: localTime(night.bedtimeEnd, night.utcOffsetSeconds),
            sleepAvgHr: night.avgHeartRate,
          }
        : {}),
    };
  });
  return corosOk({ dailyList });
}
