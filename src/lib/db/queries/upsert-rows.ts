import { getTableColumns, or, sql, type SQL } from "drizzle-orm";
import { toSnakeCase } from "drizzle-orm/casing";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import type { Database } from "../client";
import type { WrittenIds } from "@/lib/outbound/record-events";
import type { UpsertCounts } from "@/lib/sync/records";

const ROWS_PER_STATEMENT = 5_000;

const excluded = (column: PgColumn): SQL => sql.raw(`excluded."${toSnakeCase(column.name)}"`);

/**
 * Inserts rows, updates the ones whose natural key exists and whose content differs, and
 * leaves identical ones untouched (no write, no updated_at bump), reporting which was which.
 * Rows repeating a key within one call keep the last occurrence: Postgres refuses to update
 * the same row twice in one statement.
 */
export async function upsertRows<Row extends Record<string, unknown>>(
  db: Database,
  table: PgTable,
  rows: Row[],
  options: {
    key: (row: Row) => string;
    target: PgColumn[];
    compare: PgColumn[];
    updatedAt?: PgColumn;
    /**
     * Merge instead of replace: a null in the new row keeps the stored value, and jsonb
     * objects are merged key by key. For rows several streams fill in part by part (a day's
     * readiness from one endpoint, its steps from another).
     */
    isMerge?: boolean;
    /** Collects the ids of the rows inserted and updated (for the batch's webhook events). */
    written?: WrittenIds;
  },
): Promise<UpsertCounts> {
  const counts: UpsertCounts = { inserted: 0, updated: 0, unchanged: 0, rejected: 0 };
  if (rows.length === 0) return counts;
  const unique = dedupe(rows, options.key, Boolean(options.isMerge));
  counts.unchanged += rows.length - unique.length;

  const isJson = (column: PgColumn) => column.getSQLType() === "jsonb";
  const newValue = (column: PgColumn): SQL =>
    !options.isMerge
      ? excluded(column)
      : isJson(column)
        ? sql`coalesce(${column}, '{}'::jsonb) || ${excluded(column)}`
        : sql`coalesce(${excluded(column)}, ${column})`;
  const differs = (column: PgColumn): SQL =>
    !options.isMerge
      ? sql`${column} is distinct from ${excluded(column)}`
      : isJson(column)
        ? sql`(${excluded(column)} is not null and not (coalesce(${column}, '{}'::jsonb) @> ${excluded(column)}))`
        : sql`(${excluded(column)} is not null and ${column} is distinct from ${excluded(column)})`;
  const set: Record<string, SQL> = Object.fromEntries(options.compare.map((column) => [column.name, newValue(column)]));
  if (options.updatedAt) set[options.updatedAt.name] = sql`now()`;
  const isChanged = or(...options.compare.map(differs));

  const allColumns = getTableColumns(table) as Record<string, PgColumn>;
  // Only the columns the rows carry: the others keep their defaults (ids, created_at).
  const present = Object.keys(allColumns).filter((name) => unique.some((row) => row[name] !== undefined));
  const recordType = sql.raw(
    present.map((name) => `"${toSnakeCase(name)}" ${allColumns[name]!.getSQLType()}`).join(", "),
  );
  const columnList = sql.join(
    present.map((name) => sql.identifier(toSnakeCase(name))),
    sql`, `,
  );
  const target = sql.join(
    options.target.map((column) => sql.identifier(toSnakeCase(column.name))),
    sql`, `,
  );
  const assignments = sql.join(
    Object.entries(set).map(([name, value]) => sql`${sql.identifier(toSnakeCase(name))} = ${value}`),
    sql`, `,
  );

  for (let start = 0; start < unique.length; start += ROWS_PER_STATEMENT) {
    const chunk = unique.slice(start, start + ROWS_PER_STATEMENT);
    // The whole chunk travels as one JSON parameter that Postgres unpacks itself: far cheaper
    // than thousands of bound parameters, and never near the 65,535-parameter limit.
    const payload = JSON.stringify(
      chunk.map((row) =>
        Object.fromEntries(present.map((name) => [name === undefined ? name : toSnakeCase(name), row[name] ?? null])),
      ),
    );
    const result = await db.execute<{ is_inserted: boolean; id?: string }>(sql`
      insert into ${table} (${columnList})
      select ${columnList} from jsonb_to_recordset(${payload}::jsonb) as r(${recordType})
      on conflict (${target}) do update set ${assignments} where ${isChanged}
      returning ${options.written ? sql`id, ` : sql``}(xmax = 0) as is_inserted`);
    countWrittenRows(counts, result, chunk.length, options.written);
  }
  return counts;
}

/**
 * Adds one `... returning (xmax = 0) as is_inserted` statement's outcome to `counts`: a row
 * it did not return was left unchanged. xmax = 0 only on a row this statement inserted; an
 * updated row carries our xid.
 */
export function countWrittenRows(counts: UpsertCounts, result: unknown, sent: number, ids?: WrittenIds): void {
  type Written = { is_inserted: boolean; id?: string };
  const written = Array.isArray(result) ? (result as Written[]) : (result as { rows: Written[] }).rows;
  if (ids) for (const row of written) (row.is_inserted ? ids.inserted : ids.updated).push(String(row.id));
  const inserted = written.filter((row) => row.is_inserted).length;
  counts.inserted += inserted;
  counts.updated += written.length - inserted;
  counts.unchanged += sent - written.length;
}

/** One row per key; when merging, later rows fill in what earlier ones left null. */
function dedupe<Row extends Record<string, unknown>>(rows: Row[], key: (row: Row) => string, isMerge: boolean): Row[] {
  const byKey = new Map<string, Row>();
  for (const row of rows) {
    const previous = byKey.get(key(row));
    if (!previous || !isMerge) {
      byKey.set(key(row), row);
      continue;
    }
    const merged: Record<string, unknown> = { ...previous };
    for (const [name, value] of Object.entries(row)) {
      if (value === null || value === undefined) continue;
      const before = merged[name];
      merged[name] = isPlainObject(before) && isPlainObject(value) ? { ...before, ...value } : value;
    }
    byKey.set(key(row), merged as Row);
  }
  return [...byKey.values()];
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof Date);
