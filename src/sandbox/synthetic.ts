import { createHash } from "node:crypto";
import { DAY_MS } from "@/lib/dates";

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
const VARIANTS: Record<string, SyntheticSport[]> = {
  run: ["run", "run", "trail_run"],
  ride: ["ride", "ride", "hike"],
  strength: ["strength", "yoga", "swim"],
};
const NAMES: Record<SyntheticSport, string> = {
  run: "Run",
  trail_run: "Trail Run",
  ride: "Ride",
  swim: "Pool Swim",
  walk: "Walk",
  hike: "Hike",
  strength: "Strength",
  yoga: "Yoga",
};
const PACE: Record<SyntheticSport, number> = {
  run: 3.2,
  trail_run: 2.6,
  ride: 8.4,
  swim: 0.8,
  walk: 1.4,
  hike: 1.2,
  strength: 0,
  yoga: 0,
};

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

function workout(
  provider: string,
  login: string,
  sport: SyntheticSport,
  minutes: number,
  startAt: Date,
  offset: number,
  salt: number,
): SyntheticWorkout {
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
    energyKcal: Math.round((durationS / 60) * (sport === "yoga" ? 4 : 10 + random() * 3)),
    ...(sport === "ride" ? { avgPowerW: Math.round(170 + random() * 60) } : {}),
  };
}

// Paged endpoints ask for the same range once per page; generating it once keeps a 20,000-
// activity load test measuring our sync rather than the simulator.
const recentRanges = new Map<string, SyntheticWorkout[]>();

/** Workouts that started in [from, to), oldest first. */
export function syntheticWorkouts(
  provider: string,
  login: string,
  from: Date,
  to: Date,
  now = new Date(),
): SyntheticWorkout[] {
  const key = [provider, login, from.getTime(), to.getTime(), Math.floor(now.getTime() / DAY_MS)].join("|");
  const cached = recentRanges.get(key);
  if (cached) return [...cached];
  const generated = generateWorkouts(provider, login, from, to, now);
  recentRanges.set(key, generated);
  if (recentRanges.size > 16) recentRanges.delete(recentRanges.keys().next().value!);
  return [...generated];
}

function generateWorkouts(provider: string, login: string, from: Date, to: Date, now: Date): SyntheticWorkout[] {
  const offset = accountUtcOffset(provider, login);
  const bulk = /^bulk-(\d+)$/.exec(login);
  const today = Math.floor(now.getTime() / DAY_MS);
  const result: SyntheticWorkout[] = [];
  if (bulk) {
    // n activities, six hours apart, the newest this morning. Only the indexes inside
    // [from, to) are generated: a paged load test asks for small slices of a long list.
    const count = Number(bulk[1]);
    const newest = today * DAY_MS + 6 * 3600_000;
    const step = 6 * 3600_000;
    const first = Math.max(0, Math.ceil((newest - to.getTime() + 1) / step));
    const last = Math.min(count - 1, Math.floor((newest - from.getTime()) / step));
    for (let index = first; index <= last; index++) {
      const startAt = new Date(newest - index * step);
      if (startAt >= from && startAt < to)
        result.push(workout(provider, login, index % 3 === 0 ? "ride" : "run", 50, startAt, offset, index));
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
    if (startAt >= from && startAt < to && startAt <= now)
      result.push(workout(provider, login, sport, minutes, startAt, offset, 0));
  }
  return result;
}

export interface SyntheticNight {
  id: string;
  /** The local calendar date the night ends on (the morning you wake up). */
  localDate: string;
  bedtimeStart: Date;
  bedtimeEnd: Date;
  utcOffsetSeconds: number;
  asleepS: number;
  deepS: number;
  remS: number;
  lightS: number;
  awakeS: number;
  efficiencyPercent: number;
  avgHeartRate: number;
  lowestHeartRate: number;
  avgHrvMs: number;
  respiratoryRate: number;
  score: number;
  /** Sleep stages in order, 30-second-aligned, covering bedtime. */
  stages: Array<{ stage: "awake" | "light" | "deep" | "rem"; startAt: Date; endAt: Date }>;
}

export interface SyntheticDay {
  localDate: string;
  utcOffsetSeconds: number;
  steps: number;
  distanceM: number;
  activeEnergyKcal: number;
  totalEnergyKcal: number;
  restingHeartRate: number;
  hrvMs: number;
  readinessScore: number;
  recoveryScore: number;
  strain: number;
  stressAvg: number;
  bodyBatteryHigh: number;
  bodyBatteryLow: number;
  weightKg: number;
  bodyFatPercent: number;
}

const isoDay = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);
const dayOf = (date: string) => Math.floor(Date.parse(`${date}T00:00:00Z`) / DAY_MS);

/** Nights whose local wake-up date is in [fromDate, toDate] (YYYY-MM-DD), at most two years back. */
export function syntheticNights(
  provider: string,
  login: string,
  fromDate: string,
  toDate: string,
  now = new Date(),
): SyntheticNight[] {
  const offset = accountUtcOffset(provider, login);
  const today = Math.floor((now.getTime() + offset * 1000) / DAY_MS);
  const nights: SyntheticNight[] = [];
  for (let day = Math.max(dayOf(fromDate), today - HISTORY_DAYS); day <= Math.min(dayOf(toDate), today); day++) {
    const random = seeded(provider, login, "night", day);
    // Local bedtime 22:00-23:30 the evening before, 6-8.5 h in bed.
    const bedtimeStart = new Date(
      (day - 1) * DAY_MS + (22 * 3600 + Math.floor(random() * 5400)) * 1000 - offset * 1000,
    );
    const inBedS = Math.round(((6 + random() * 2.5) * 3600) / 30) * 30;
    const stages: SyntheticNight["stages"] = [];
    let cursor = bedtimeStart.getTime();
    const end = cursor + inBedS * 1000;
    const totals = { awake: 0, light: 0, deep: 0, rem: 0 };
    const cycle = ["awake", "light", "deep", "light", "rem"] as const;
    for (let index = 0; cursor < end; index++) {
      const stage = cycle[index % cycle.length]!;
      const minutes =
        stage === "awake"
          ? 3 + random() * 8
          : stage === "deep"
            ? 15 + random() * 25
            : stage === "rem"
              ? 10 + random() * 25
              : 20 + random() * 30;
      const stageEnd = Math.min(end, cursor + Math.round((minutes * 60) / 30) * 30_000);
      stages.push({ stage, startAt: new Date(cursor), endAt: new Date(stageEnd) });
      totals[stage] += (stageEnd - cursor) / 1000;
      cursor = stageEnd;
    }
    const asleepS = totals.light + totals.deep + totals.rem;
    const avgHrvMs = Math.round(40 + random() * 35);
    nights.push({
      id: `${login}-${isoDay(day)}`,
      localDate: isoDay(day),
      bedtimeStart,
      bedtimeEnd: new Date(end),
      utcOffsetSeconds: offset,
      asleepS,
      deepS: totals.deep,
      remS: totals.rem,
      lightS: totals.light,
      awakeS: totals.awake,
      efficiencyPercent: Math.round((asleepS / inBedS) * 100),
      avgHeartRate: Math.round(50 + random() * 8),
      lowestHeartRate: Math.round(44 + random() * 6),
      avgHrvMs,
      respiratoryRate: Math.round((13 + random() * 3) * 10) / 10,
      score: Math.round(60 + random() * 35),
      stages,
    });
  }
  return nights;
}

/** Daily totals and scores for local dates in [fromDate, toDate], at most two years back. */
export function syntheticDays(
  provider: string,
  login: string,
  fromDate: string,
  toDate: string,
  now = new Date(),
): SyntheticDay[] {
  const offset = accountUtcOffset(provider, login);
  const today = Math.floor((now.getTime() + offset * 1000) / DAY_MS);
  const baseWeight = 58 + seeded(provider, login, "weight")() * 30;
  const days: SyntheticDay[] = [];
  for (let day = Math.max(dayOf(fromDate), today - HISTORY_DAYS); day <= Math.min(dayOf(toDate), today); day++) {
    const random = seeded(provider, login, "day", day);
    const steps = Math.round(4000 + random() * 12000);
    const activeEnergyKcal = Math.round(steps * 0.04 + random() * 400);
    const recovery = Math.round(30 + random() * 65);
    days.push({
      localDate: isoDay(day),
      utcOffsetSeconds: offset,
      steps,
      distanceM: Math.round(steps * 0.78),
      activeEnergyKcal,
      totalEnergyKcal: activeEnergyKcal + 1650,
      restingHeartRate: Math.round(48 + random() * 8),
      hrvMs: Math.round(40 + random() * 35),
      readinessScore: Math.round(55 + random() * 40),
      recoveryScore: recovery,
      strain: Math.round((4 + random() * 14) * 10) / 10,
      stressAvg: Math.round(20 + random() * 40),
      bodyBatteryHigh: Math.round(60 + random() * 40),
      bodyBatteryLow: Math.round(5 + random() * 30),
      // A slow drift, as real weight moves.
      weightKg: Math.round((baseWeight + Math.sin(day / 40) * 1.5 + (random() - 0.5) * 0.6) * 10) / 10,
      bodyFatPercent: Math.round((16 + Math.sin(day / 50) * 2 + random()) * 10) / 10,
    });
  }
  return days;
}
