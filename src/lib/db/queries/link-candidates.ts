import { sql, type SQL } from "drizzle-orm";
import type { Database } from "../client";
import type { ActivityLinkDecision } from "../schema";
import type { FoundLink, LoadedRow } from "@/lib/merge/activities/types";

/** Which rows to link: a page just written, a slice of the stored history, or rows named by id or key. */
export type LinkSeed =
  | { kind: "written"; provider: string; externalIds: string[]; since: Date }
  | { kind: "history"; after: { startAt: Date; id: string } | null; limit: number }
  | { kind: "named"; ids: string[]; keys: Array<{ provider: string; externalId: string }> };

// postgres.js answers execute() with the rows themselves, PGlite with `{ rows }`.
function rowsOf<T>(result: unknown): T[] {
  return Array.isArray(result) ? (result as T[]) : (result as { rows: T[] }).rows;
}

const list = (values: SQL[]) => sql.join(values, sql`, `);

// The plain start_at bound lets the (user_id, start_at) index find the range; the row
// comparison then skips what the last slice already took at that same instant.
function afterCursor(after: { startAt: Date; id: string }): SQL {
  const at = sql`${after.startAt.toISOString()}::timestamptz`;
  return sql`and start_at >= ${at} and (start_at, id) > (${at}, ${after.id}::uuid)`;
}

function seedQuery(userId: string, seed: LinkSeed): SQL {
  const columns = sql`select id, start_at, provider, external_id, connection_id, merged_into_id from activities where user_id = ${userId}`;
  switch (seed.kind) {
    case "written":
      // upsertRows sets updated_at to now() and the column defaults to it: a row the page left
      // unchanged was matched when it was written and needs no second look.
      return sql`${columns} and provider = ${seed.provider}
        and external_id in (${list(seed.externalIds.map((id) => sql`${id}`))})
        and updated_at >= ${seed.since.toISOString()}::timestamptz`;
    case "history":
      return sql`(${columns}
        ${seed.after ? afterCursor(seed.after) : sql``}
        order by start_at, id limit ${seed.limit})`;
    case "named": {
      const conditions = [
        ...(seed.ids.length ? [sql`id in (${list(seed.ids.map((id) => sql`${id}::uuid`))})`] : []),
        ...seed.keys.map((key) => sql`(provider = ${key.provider} and external_id = ${key.externalId})`),
      ];
      return sql`${columns} and (${sql.join(conditions, sql` or `)})`;
    }
    default: {
      const unknown: never = seed;
      throw new Error(`unknown seed ${JSON.stringify(unknown)}`);
    }
  }
}

interface CandidateRow {
  id: string;
  provider: string;
  external_id: string;
  type: string;
  name: string | null;
  start_ms: number;
  duration_s: number | null;
  distance_m: number | null;
  merged_into_id: string | null;
  raw: unknown;
  richness: number;
  created_ms: number;
  is_seed: boolean;
  near_ids: string[] | null;
  linked_ids: string[] | null;
  forwarded: Array<{ source: string; copy: string | null }> | null;
}

/**
 * One statement for everything linking a set of rows needs to read: the seed rows, the other
 * sources' rows starting within `windowS` of each (with the seeds each is near), every row of
 * the groups either belongs to (so primaries can be chosen again without another read), the
 * links each row holds, and the forwarding-log entries that tie a seed to another row. Rows are
 * read by the (user_id, start_at) index, one range per seed.
 */
export async function findLinkCandidates(db: Database, params: CandidateParams): Promise<LoadedRow[]> {
  const { seed } = params;
  if (seed.kind === "written" && seed.externalIds.length === 0) return [];
  if (seed.kind === "named" && seed.ids.length === 0 && seed.keys.length === 0) return [];
  const result = await db.execute(linkCandidatesQuery(params));
  return rowsOf<CandidateRow>(result).map((row) => ({
    id: row.id,
    provider: row.provider,
    externalId: row.external_id,
    type: row.type,
    name: row.name,
    startAt: new Date(Number(row.start_ms)),
    durationS: row.duration_s,
    distanceM: row.distance_m,
    mergedIntoId: row.merged_into_id,
    raw: row.raw,
    richness: Number(row.richness),
    createdAt: new Date(Number(row.created_ms)),
    isSeed: row.is_seed,
    nearIds: row.near_ids ?? [],
    linkedIds: row.linked_ids ?? [],
    forwarded: row.forwarded ?? [],
  }));
}

interface CandidateParams {
  userId: string;
  seed: LinkSeed;
  windowS: number | null;
  rawProviders: readonly string[];
}

/** The statement behind findLinkCandidates. */
function linkCandidatesQuery(params: CandidateParams): SQL {
  const { userId, seed } = params;
  const raw = params.rawProviders.length
    ? sql`case when a.provider in (${list(params.rawProviders.map((slug) => sql`${slug}`))}) then a.raw end`
    : sql`null::jsonb`;
  // Each step is a lateral probe of an index, one per row it starts from (OFFSET 0 keeps the
  // planner from flattening it into a join): how few rows the steps hold is something the
  // planner cannot know, and a table without fresh statistics (a history just imported) would
  // otherwise have it read every row the person has, once per page.
  const near =
    params.windowS == null
      ? sql`select null::uuid as id, null::uuid as merged_into_id, null::uuid as seed_id where false`
      : sql`select n.id, n.merged_into_id, s.id as seed_id from seed s cross join lateral (
          select n.id, n.merged_into_id from activities n
          where n.user_id = ${userId} and n.provider <> s.provider
            and n.start_at between s.start_at - make_interval(secs => ${params.windowS})
                               and s.start_at + make_interval(secs => ${params.windowS})
          offset 0) n`;
  return sql`
    with seed as (${seedQuery(userId, seed)}),
    near as (${near}),
    head as (
      select coalesce(merged_into_id, id) as id from seed union select coalesce(merged_into_id, id) from near
    ),
    ids as (
      select id, bool_or(is_seed) as is_seed from (
        select id, true as is_seed from seed
        union all select id, false from near
        union all select id, false from head
        union all select m.id, false from head cross join lateral (
          select a.id from activities a where a.merged_into_id = head.id and a.user_id = ${userId} offset 0) m
      ) found group by id
    ),
    forwarded as (
      select seed_id, json_agg(json_build_object('source', source, 'copy', copy)) as entries from (
        select s.id as seed_id, f.source_activity_id as source, f.matched_activity_id as copy
        from seed s cross join lateral (
          select * from forwarding_log f where f.source_activity_id = s.id and f.user_id = ${userId} offset 0) f
        union all
        select s.id, f.source_activity_id, coalesce(f.matched_activity_id, s.id)
        from seed s join forwarding_log f on f.user_id = ${userId}
          and f.destination_connection_id = s.connection_id and f.matched_external_id = s.external_id
      ) entry group by seed_id
    ),
    near_by as (select id, json_agg(seed_id) as near_ids from near group by id),
    loaded as (
      select ids.id, ids.is_seed, near_by.near_ids, forwarded.entries
      from ids left join near_by on near_by.id = ids.id left join forwarded on forwarded.seed_id = ids.id
    )
    select a.id, a.provider, a.external_id, a.type, a.name,
      (extract(epoch from a.start_at) * 1000)::float8 as start_ms,
      a.duration_s, a.distance_m, a.merged_into_id, ${raw} as raw,
      num_nonnulls(a.duration_s, a.moving_time_s, a.distance_m, a.elevation_gain_m, a.energy_kcal,
        a.avg_heart_rate_bpm, a.max_heart_rate_bpm, a.avg_power_w, a.avg_speed_mps, a.max_speed_mps,
        a.device, a.polyline)::int as richness,
      (extract(epoch from a.created_at) * 1000)::float8 as created_ms,
      loaded.is_seed, loaded.near_ids,
      (select json_agg(l.other_activity_id) from activity_links l where l.activity_id = a.id) as linked_ids,
      loaded.entries as forwarded
    from loaded
      cross join lateral (select * from activities a where a.id = loaded.id and a.user_id = ${userId} limit 1) a
  `;
}

/** The person's split and join decisions and their source order, in one round trip. */
export async function findMergeSettings(db: Database, params: { userId: string }) {
  const result = await db.execute(sql`
    select
      (select json_agg(json_build_object('decision', d.decision, 'providerA', d.provider_a,
         'externalIdA', d.external_id_a, 'providerB', d.provider_b, 'externalIdB', d.external_id_b))
       from activity_link_decisions d where d.user_id = ${params.userId}) as decisions,
      (select json_agg(json_build_object('sport', p.sport, 'providers', p.providers))
       from source_priorities p where p.user_id = ${params.userId}) as priorities
  `);
  const [row] = rowsOf<{
    decisions: Array<
      Pick<ActivityLinkDecision, "decision" | "providerA" | "externalIdA" | "providerB" | "externalIdB">
    >;
    priorities: Array<{ sport: string; providers: string[] }> | null;
  }>(result);
  return {
    decisions: row?.decisions ?? [],
    priorities: new Map((row?.priorities ?? []).map((entry) => [entry.sport, entry.providers])),
  };
}

/**
 * Stores new links and points rows at their (new) primary in one statement: a data-modifying
 * CTE runs whether or not the rest reads it. A link already stored is left as it is. The rows
 * to move are named by an id array (an index probe each, whatever the table's statistics say)
 * and their targets looked up in a JSON object keyed by id.
 */
export async function saveLinksAndMoves(
  db: Database,
  params: { userId: string; links: FoundLink[]; moves: Array<{ id: string; mergedIntoId: string | null }> },
) {
  const { userId, links, moves } = params;
  if (links.length === 0 && moves.length === 0) return;
  const linkJson = JSON.stringify(
    links.map((link) => ({ a: link.activityId, b: link.otherActivityId, m: link.method, e: link.evidence })),
  );
  const targets = JSON.stringify(Object.fromEntries(moves.map((move) => [move.id, move.mergedIntoId])));
  const movedIds = `{${moves.map((move) => move.id).join(",")}}`;
  await db.execute(sql`
    with inserted as (
      insert into activity_links (user_id, activity_id, other_activity_id, method, evidence)
      select ${userId}, l.a, l.b, l.m, l.e from json_to_recordset(${linkJson}::json) as l(a uuid, b uuid, m text, e jsonb)
      on conflict do nothing
      returning 1
    )
    update activities set merged_into_id = (${targets}::jsonb ->> activities.id::text)::uuid, updated_at = now()
    where activities.user_id = ${userId} and activities.id = any(${movedIds}::uuid[])
  `);
}
