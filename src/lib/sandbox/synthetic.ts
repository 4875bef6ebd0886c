import { createHash } from "node:crypto";

// Deterministic, plausible training data for sandbox accounts: the same login gets the same
// week every time, and a runner's week has runs, rest days and a long run, not 40 marathons.
// A login "bulk-<n>" (e.g. bulk-20000) gets exactly n activities, for load tests.

export type SyntheticSport = "run" | "trail_run" | "ride" | "swim" | "walk" | "hike" | "strength" | "yoga";

export interface SyntheticWorkout {
  /** Stable across runs: derived from the login and the start time. */
  id: number;
  sport: SyntheticSport;
  name: string;
  startAt: Date;
  utcOffsetSeconds: number;
  durationS: number;
  movingTimeS: number;
  distanceM: number;
  elevationGainM: number;
  avgHeartRate: number;
  maxHeartRate: number;
  energyKcal: number;
  avgPowerW?: number;
}

const DAY_MS = 86_400_000;
const HISTORY_DAYS = 730;
const OFFSETS = [-7 * 3600, -5 * 3600, 0, 3600, 2 * 3600, 9 * 3600];
// Monday first. Each entry: sport, minutes, pace (m/s), local start hour.
const WEEK: Array<[SyntheticSport, number, number, number] | null> = [
  null,
  ["run", 50, 3.3, 6.5],
  ["ride", 75, 8.2, 17.5],
  ["run", 45, 3.1, 6.5],
  ["strength", 40, 0, 18],
  ["run", 105, 3.0, 8],
  ["ride", 150, 8.6, 9],
];
const VARIANTS: Record<string, SyntheticSport[]> = { run: ["run", "run", "trail_run"], ride: ["ride", "ride", "hike"], strength: ["strength", "yoga", "swim"] };
const NAMES: Record<SyntheticSport, string> = {
  run: "Run", trail_run: "Trail Run", ride: "Ride", swim: "Pool Swim", walk: "Walk", hike: "Hike", strength: "Strength", yoga: "Yoga",
};
const PACE: Record<SyntheticSport, number> = { run: 3.2, trail_run: 2.6, ride: 8.4, swim: 0.8, walk: 1.4, hike: 1.2, strength: 0, yoga: 0 };

function seeded(...parts: Array<string | number>): () => number {
  let state = createHash("sha256").update(parts.join("|")).digest().readUInt32LE(0);
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function accountUtcOffset(provider: string, login: string): number {
  return OFFSETS[Math.floor(seeded(provider, login, "tz")() * OFFSETS.length)]!;
}

function workout(provider: string, login: string, sport: SyntheticSport, minutes: number, startAt: Date, offset: number, salt: number): SyntheticWorkout {
  const random = seeded(provider, login, startAt.getTime(), salt);
  const durationS = Math.round(minutes * 60 * (0.85 + random() * 0.3));
  const movingTimeS = Math.round(durationS * (0.93 + random() * 0.05));
  const distanceM = Math.round(PACE[sport] * (0.92 + random() * 0.16) * movingTimeS * 10) / 10;
  const avgHeartRate = Math.round(sport === "yoga" ? 92 + random() * 10 : 128 + random() * 28);
  return {
    id: Math.floor(seeded(provider, login, "id", startAt.getTime())() * 2 ** 40) + 10 ** 10,
    sport,
    name: `${startAt.getUTCHours() + offset / 3600 < 12 ? "Morning" : "Evening"} ${NAMES[sport]}`,
    startAt,
    utcOffsetSeconds: offset,
    durationS,
    movingTimeS,
    distanceM,
    elevationGainM: Math.round(distanceM * (sport === "trail_run" || sport === "hike" ? 0.045 : 0.008)),
    avgHeartRate,
    maxHeartRate: avgHeartRate + 15 + Math.round(random() * 20),
    energyKcal: Math.round(durationS / 60 * (sport === "yoga" ? 4 : 10 + random() * 3)),
    ...(sport === "ride" ? { avgPowerW: Math.round(170 + random() * 60) } : {}),
  };
}

/** Workouts that started in [from, to), oldest first. */
export function syntheticWorkouts(provider: string, login: string, from: Date, to: Date, now = new Date()): SyntheticWorkout[] {
  const offset = accountUtcOffset(provider, login);
  const bulk = /^bulk-(\d+)$/.exec(login);
  const today = Math.floor(now.getTime() / DAY_MS);
  const result: SyntheticWorkout[] = [];
  if (bulk) {
    const count = Number(bulk[1]);
    // n activities, six hours apart, the newest this morning.
    for (let index = 0; index < count; index++) {
      const startAt = new Date((today * DAY_MS) + 6 * 3600_000 - index * 6 * 3600_000);
      if (startAt >= from && startAt < to) result.push(workout(provider, login, index % 3 === 0 ? "ride" : "run", 50, startAt, offset, index));
    }
    return result.reverse();
  }
  const firstDay = Math.max(today - HISTORY_DAYS, Math.floor(from.getTime() / DAY_MS));
  const lastDay = Math.min(today, Math.floor((to.getTime() - 1) / DAY_MS));
  for (let day = firstDay; day <= lastDay; day++) {
    const plan = WEEK[(new Date(day * DAY_MS).getUTCDay() + 6) % 7];
    const random = seeded(provider, login, day);
    if (!plan || random() < 0.15) continue;
    const [base, minutes, , hour] = plan;
    const options = VARIANTS[base] ?? [base];
    const sport = options[Math.floor(random() * options.length)]!;
    const startAt = new Date(day * DAY_MS + (hour * 3600 - offset) * 1000 + Math.floor(random() * 1800) * 1000);
    if (startAt >= from && startAt < to && startAt <= now) result.push(workout(provider, login, sport, minutes, startAt, offset, 0));
  }
  return result;
}
