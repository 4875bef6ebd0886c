import type { DailyRecord, SleepRecord } from "@/lib/sync/records";
import type { PolarRecharge, PolarSleep } from "./schemas";
import { DAY_MS, utcOffsetSecondsOf } from "@/lib/dates";

// Polar's hypnogram codes: 0 wake, 1 REM, 2 lighter non-REM, 3 light non-REM, 4 deep non-REM, 5 unknown.
const STAGES = ["awake", "rem", "light", "light", "deep", "unknown"] as const;

/** Seconds east of UTC in an ISO date-time's own offset ("+03:00"; "Z" is 0). */
export const isoOffsetSeconds = (value: string): number => utcOffsetSecondsOf(value) ?? 0;

/**
 * Hypnogram keys are local "HH:MM" run starts, in order, crossing midnight without a date:
 * each key is placed at the first such wall-clock time not before the previous run.
 */
export function hypnogramStages(sleep: PolarSleep): SleepRecord["stages"] {
  if (!sleep.hypnogram) return null;
  const startMs = Date.parse(sleep.sleep_start_time);
  const endMs = Date.parse(sleep.sleep_end_time);
  const offsetMs = isoOffsetSeconds(sleep.sleep_start_time) * 1000;
  // Wall-clock ms (local time read as UTC), minute-aligned like the keys.
  let previous = Math.floor((startMs + offsetMs) / 60_000) * 60_000;
  const runs: Array<{ stage: string; startMs: number }> = [];
  for (const [hhmm, code] of Object.entries(sleep.hypnogram)) {
    const minuteOfDay = Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
    let wall = Math.floor(previous / DAY_MS) * DAY_MS + minuteOfDay * 60_000;
    if (wall < previous) wall += DAY_MS;
    previous = wall;
    const stage = STAGES[code] ?? "unknown";
    const at = Math.max(startMs, wall - offsetMs);
    if (runs.at(-1)?.stage !== stage) runs.push({ stage, startMs: at });
  }
  return runs
    .map((run, index) => ({
      stage: run.stage,
      startMs: run.startMs,
      endMs: Math.min(endMs, runs[index + 1]?.startMs ?? endMs),
    }))
    .filter((run) => run.endMs > run.startMs)
    .map((run) => ({
      stage: run.stage,
      startAt: new Date(run.startMs).toISOString(),
      endAt: new Date(run.endMs).toISOString(),
    }));
}

const average = (values: number[]) =>
  values.length ? Math.round((values.reduce((sum, value) => sum + value, 0) / values.length) * 10) / 10 : null;

/** One night. Polar keys sleep by date alone, so the id is the Polar user plus the date. */
export function transformPolarSleep(sleep: PolarSleep, polarUserId: string): SleepRecord {
  const startAt = new Date(sleep.sleep_start_time);
  const endAt = new Date(sleep.sleep_end_time);
  const inBedS = (endAt.getTime() - startAt.getTime()) / 1000;
  // Asleep is light + deep + REM. Unrecognized epochs (hypnogram code 5) are time the watch
  // could not classify at all, awake as likely as asleep, so they count in neither.
  const stageSeconds = [sleep.light_sleep, sleep.deep_sleep, sleep.rem_sleep];
  const asleepS = stageSeconds.some((value) => value != null)
    ? stageSeconds.reduce<number>((sum, value) => sum + (value ?? 0), 0)
    : null;
  return {
    externalId: `${polarUserId}:${sleep.date}`,
    startAt,
    endAt,
    utcOffsetSeconds: isoOffsetSeconds(sleep.sleep_end_time),
    localDate: sleep.date,
    inBedS,
    asleepS,
    deepS: sleep.deep_sleep ?? null,
    remS: sleep.rem_sleep ?? null,
    lightS: sleep.light_sleep ?? null,
    awakeS: sleep.total_interruption_duration ?? null,
    efficiencyPercent: asleepS !== null && inBedS > 0 ? Math.round((asleepS / inBedS) * 1000) / 10 : null,
    score: sleep.sleep_score ?? null,
    avgHeartRateBpm: average(Object.values(sleep.heart_rate_samples ?? {})),
    // HRV and breathing come with Nightly Recharge, a separate stream onto the daily row.
    avgHrvMs: null,
    respiratoryRate: null,
    stages: hypnogramStages(sleep),
    raw: sleep,
  };
}

/** The night's sleep score on the day's row; the full night lives in sleep_sessions. */
export const sleepScoreDay = (sleep: PolarSleep): DailyRecord => ({
  localDate: sleep.date,
  sleepScore: sleep.sleep_score ?? null,
});

export function transformPolarRecharge(recharge: PolarRecharge): DailyRecord {
  const status = recharge.nightly_recharge_status;
  return {
    localDate: recharge.date,
    hrvMs: recharge.heart_rate_variability_avg ?? null,
    // Polar rates recovery 1 (very poor) to 6 (very good); our scores run 0-100.
    recoveryScore: status == null ? null : ((status - 1) / 5) * 100,
    raw: { recharge },
  };
}
