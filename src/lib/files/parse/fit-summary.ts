import type { SessionMesg } from "@garmin/fitsdk";

export const num = (value: unknown): number | null =>
  typeof value === "number" && Number.isFinite(value) ? value : null;

const sum = (values: (number | null)[]) => {
  const known = values.filter((v): v is number => v !== null);
  return known.length ? known.reduce((a, b) => a + b, 0) : null;
};
const maximum = (values: (number | null)[]) => {
  const known = values.filter((v): v is number => v !== null);
  return known.length ? Math.max(...known) : null;
};
/** Sessions' averages weighted by their timer time, so a 3-hour ride outweighs a 2-minute transition. */
function weighted(sessions: SessionMesg[], pick: (s: SessionMesg) => number | null): number | null {
  let total = 0;
  let weight = 0;
  for (const session of sessions) {
    const value = pick(session);
    if (value === null) continue;
    const w = num(session.totalTimerTime) ?? num(session.totalElapsedTime) ?? 1;
    total += value * w;
    weight += w;
  }
  return weight ? total / weight : null;
}

/**
 * The summary of every session, not just the first: a file is one activity for us (one upload,
 * one row, one duplicate check by start time), so a triathlon's swim, bike and run all count
 * towards its distance and time, matching the points and laps, which also cover the whole file.
 */
export function summarizeSessions(sessions: SessionMesg[]) {
  const movingTimeS = sum(sessions.map((s) => num(s.totalTimerTime)));
  const distanceM = sum(sessions.map((s) => num(s.totalDistance)));
  const avgSpeed =
    sessions.length === 1
      ? (num(sessions[0]!.enhancedAvgSpeed) ?? num(sessions[0]!.avgSpeed))
      : distanceM !== null && movingTimeS
        ? distanceM / movingTimeS
        : null;
  return {
    durationS: sum(sessions.map((s) => num(s.totalElapsedTime))),
    movingTimeS,
    distanceM,
    elevationGainM: sum(sessions.map((s) => num(s.totalAscent))),
    energyKcal: sum(sessions.map((s) => num(s.totalCalories))),
    avgHeartRateBpm: weighted(sessions, (s) => num(s.avgHeartRate)),
    maxHeartRateBpm: maximum(sessions.map((s) => num(s.maxHeartRate))),
    avgPowerW: weighted(sessions, (s) => num(s.avgPower)),
    avgSpeedMps: avgSpeed,
    maxSpeedMps: maximum(sessions.map((s) => num(s.enhancedMaxSpeed) ?? num(s.maxSpeed))),
  };
}
