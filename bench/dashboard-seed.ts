// Bulk seed for dashboard.bench.ts: one person with a decade of activities and years of
// health data, written by set-based SQL (generate_series) so 1.1 M rows take seconds, not minutes.
import postgres from "postgres";
import { hashPassword } from "../src/lib/auth/password";
import { openPostgres } from "../src/lib/db/client";
import { findDaysWithData, remergeDays } from "../src/lib/db/queries/merged-daily";

export const SEED = {
  activities: 100_000,
  activityYears: 10,
  healthDays: 3 * 365,
  heartRateSamples: 800_000,
  otherSamplesPerMetric: 50_000,
};
export const BENCH_EMAIL = "bench@example.test";
export const BENCH_PASSWORD = "dashboard bench password";
// Appears in 1 activity name out of 2,000: a search that has to look through every row.
export const RARE_WORD = "marathon";

const ACTIVITY_TYPES = ["run", "ride", "walk", "swim", "strength_training", "hike", "yoga"];
const ACTIVITY_PROVIDERS = ["strava", "garmin", "polar", "apple_health"];
const NAMES = [
  "Morning Run",
  "Lunch Ride",
  "Evening Walk",
  "Tempo run by the river",
  "Long ride to the coast",
  "Intervals 6x800",
  "Recovery spin",
  "Pool swim",
  "Hill repeats",
  "Parkrun",
  "Commute",
  "Easy miles",
  "Trail run in the rain",
  "Gym session",
  "Sunday long run",
  "Track Tuesday",
];

export async function seedDashboardData(url: string): Promise<{ userId: string; rows: Record<string, number> }> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const [user] = await sql<{ id: string }[]>`
      insert into users (id, email, name, password_hash) values (gen_random_uuid()::text, ${BENCH_EMAIL}, 'Bench Athlete', ${await hashPassword(BENCH_PASSWORD)}) returning id`;
    const userId = user!.id;
    await sql`
      insert into provider_connections (user_id, provider, external_user_id, auth_kind, status)
      select ${userId}, provider, provider || '-athlete', 'oauth2', 'active' from unnest(${["strava", "garmin", "polar", "oura"]}::text[]) as provider`;

    // Newest first from now back ~10 years, about 53 minutes apart, with a little jitter.
    const spacingSeconds = (SEED.activityYears * 365.25 * 86_400) / SEED.activities;
    await sql`
      insert into activities (user_id, connection_id, provider, external_id, type, provider_type, name, start_at, utc_offset_seconds,
        duration_s, moving_time_s, distance_m, elevation_gain_m, energy_kcal, avg_heart_rate_bpm, max_heart_rate_bpm, avg_speed_mps, device, raw)
      select ${userId}, c.id, a.provider, 'bench-' || a.i, a.type, initcap(a.type), a.name,
        now() - make_interval(secs => a.i * ${spacingSeconds}::float8 + (a.i * 37) % 600), 3600,
        1200 + (a.i * 13) % 7200, 1100 + (a.i * 13) % 7000, 2000 + (a.i * 97) % 40000, (a.i * 7) % 900, 150 + (a.i * 11) % 1200,
        120 + a.i % 40, 160 + a.i % 30, 2 + (a.i % 50) / 10.0, 'Bench Watch ' || a.i % 3,
        jsonb_build_object('id', a.i, 'sport_type', a.type, 'kudos_count', a.i % 50, 'description', repeat('Steady effort, felt good. ', 1 + a.i % 12))
      from (
        select i, (${ACTIVITY_PROVIDERS}::text[])[1 + i % 4] as provider, (${ACTIVITY_TYPES}::text[])[1 + (i * 7919) % 7] as type,
          case when i % 2000 = 17 then 'Marathon race day' when i % 10 = 0 then null else (${NAMES}::text[])[1 + (i * 31) % 16] end as name
        from generate_series(0, ${SEED.activities - 1}) as i
      ) a
      left join provider_connections c on c.user_id = ${userId} and c.provider = a.provider`;

    // Oura (readiness, HRV, sleep score), Garmin (stress, body battery) and the phone (steps only).
    await sql`
      insert into daily_summaries (user_id, provider, source_id, local_date, steps, distance_m, active_energy_kcal, total_energy_kcal,
        resting_heart_rate_bpm, hrv_ms, readiness_score, stress_avg, body_battery_high, body_battery_low, sleep_score)
      select ${userId}, s.provider, s.provider || '-athlete', current_date - d, 4000 + (d * 997) % 12000, 3000 + (d * 631) % 9000, 300 + d % 500, 2000 + d % 900,
        case when s.provider <> 'apple_health' then 48 + d % 9 end, case when s.provider = 'oura' then 40 + (d * 7) % 50 end,
        case when s.provider = 'oura' then 55 + (d * 3) % 45 end, case when s.provider = 'garmin' then 20 + d % 40 end,
        case when s.provider = 'garmin' then 60 + d % 40 end, case when s.provider = 'garmin' then 5 + d % 30 end,
        case when s.provider = 'oura' then 60 + (d * 5) % 40 end
      from generate_series(0, ${SEED.healthDays - 1}) as d cross join unnest(${["oura", "garmin", "apple_health"]}::text[]) as s(provider)`;

    await sql`
      insert into sleep_sessions (user_id, provider, source_id, external_id, start_at, end_at, utc_offset_seconds, local_date,
        in_bed_s, asleep_s, deep_s, rem_s, light_s, awake_s, efficiency_percent, score, avg_heart_rate_bpm, avg_hrv_ms, respiratory_rate, stages)
      select ${userId}, s.provider, s.provider || '-athlete', s.provider || '-night-' || d, night.start_at, night.start_at + interval '8 hours', 3600, current_date - d,
        28800, 25200 - (d * 61) % 3600, 5400 + d % 1800, 6300 + d % 1200, 12600, 1800, 85 + d % 10, 60 + (d * 7) % 40, 52 + d % 8, 45 + d % 30, 14 + d % 3,
        (select jsonb_agg(jsonb_build_object('stage', (array['light','deep','light','rem','awake'])[1 + k % 5],
           'startAt', night.start_at + make_interval(mins => k * 24), 'endAt', night.start_at + make_interval(mins => k * 24 + 24))) from generate_series(0, 19) as k)
      from generate_series(0, ${SEED.healthDays - 1}) as d cross join unnest(${["oura", "garmin"]}::text[]) as s(provider)
      cross join lateral (select (current_date - d - 1)::timestamptz + interval '22 hours 30 minutes' as start_at) as night`;

    await sql`
      insert into body_measurements (user_id, provider, source_id, measured_at, weight_kg, bmi, body_fat_percent)
      select ${userId}, 'apple_health', 'Bench Scale', now() - make_interval(days => d, hours => 10), 72 + (d % 40) / 10.0, 22 + (d % 20) / 10.0, 15 + (d % 30) / 10.0
      from generate_series(0, ${SEED.healthDays - 1}, 2) as d`;

    // Two sources, as a phone export has them: heart rate every two minutes over ~3 years,
    // from the Watch, and from the iPhone's paired sensor every fifth reading; three more series
    // from the Watch every ~30 minutes; steps from both, the Watch's off from 22:00 to 07:00.
    await sql`
      insert into samples (user_id, provider, source_id, metric, time, value, unit)
      select ${userId}, 'apple_health', case when i % 5 = 0 then 'Bench iPhone' else 'Bench Watch' end, 'heart_rate',
        now() - make_interval(secs => i * 120), 55 + (i * 17) % 90, 'bpm'
      from generate_series(0, ${SEED.heartRateSamples - 1}) as i`;
    await sql`
      insert into samples (user_id, provider, source_id, metric, time, value, unit)
      select ${userId}, 'apple_health', 'Bench Watch', m.metric, now() - make_interval(secs => i * 1800 + m.offset_s), m.base + (i * 13) % m.spread, m.unit
      from generate_series(0, ${SEED.otherSamplesPerMetric - 1}) as i
      cross join (values ('hrv', 'ms', 30, 60, 0), ('spo2', '%', 92, 8, 300), ('respiratory_rate', 'breaths/min', 12, 8, 600))
        as m(metric, unit, base, spread, offset_s)`;
    await sql`
      insert into samples (user_id, provider, source_id, metric, time, value, unit)
      select ${userId}, 'apple_health', s.source_id, 'step_count', t.time, (i * 13) % 300, 'count'
      from generate_series(0, ${SEED.otherSamplesPerMetric - 1}) as i
      cross join lateral (select date_trunc('hour', now()) - make_interval(secs => i * 1800 + 900) as time) as t
      cross join (values ('Bench Watch'), ('Bench iPhone')) as s(source_id)
      where s.source_id = 'Bench iPhone' or extract(hour from t.time) between 7 and 21`;

    // What the writes would have merged as they came (lib/merge/daily), every day at once.
    const merged = await mergeEveryDay(url, userId);

    // A database that has lived with this data has been vacuumed and analyzed by autovacuum.
    const tables = [
      "activities",
      "daily_summaries",
      "sleep_sessions",
      "body_measurements",
      "samples",
      "merged_daily_metrics",
      "provider_connections",
      "users",
    ];
    for (const table of tables) await sql.unsafe(`vacuum analyze ${table}`);
    const rows: Record<string, number> = {};
    for (const table of tables.slice(0, 5))
      rows[table] = Number((await sql.unsafe(`select count(*) as n from ${table}`))[0]!.n);
    return { userId, rows: { ...rows, mergedDailyMetrics: merged.rows, mergeSeconds: merged.seconds } };
  } finally {
    await sql.end();
  }
}

/** The write-time merge of a whole backfill: every day with daily totals or step samples, in one transaction. */
async function mergeEveryDay(url: string, userId: string): Promise<{ rows: number; seconds: number }> {
  const handle = await openPostgres(url, { max: 1 });
  try {
    const started = performance.now();
    const rows = await handle.db.transaction(async (tx) =>
      remergeDays(tx, { userId, days: await findDaysWithData(tx, { userId }) }),
    );
    return { rows, seconds: Math.round((performance.now() - started) / 100) / 10 };
  } finally {
    await handle.close();
  }
}
