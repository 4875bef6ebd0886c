import { notInArray, sql, type AnyColumn, type SQL } from "drizzle-orm";

const isDate = (value: string) => value.length === 10;

/**
 * `column` from `from` (inclusive) to `to`: a bare date is the person's local midnight in
 * `timeZone` and a bare `to` runs through that whole day; a date-time is that instant (`to`
 * exclusive). Computed in SQL against the column, so the (user, time) index still serves it.
 */
export function instantRange(column: AnyColumn, range: { from?: string; to?: string }, timeZone: string): SQL[] {
  const zone = sql`${timeZone}::text`;
  const conditions: SQL[] = [];
  if (range.from) {
    conditions.push(
      isDate(range.from)
        ? sql`${column} >= (${range.from}::date::timestamp at time zone ${zone})`
        : sql`${column} >= ${new Date(range.from).toISOString()}::timestamptz`,
    );
  }
  if (range.to) {
    conditions.push(
      isDate(range.to)
        ? sql`${column} < ((${range.to}::date + 1)::timestamp at time zone ${zone})`
        : sql`${column} < ${new Date(range.to).toISOString()}::timestamptz`,
    );
  }
  return conditions;
}

/** A local-date column from `from` to `to`, both inclusive. */
export function dateRange(column: AnyColumn, range: { from?: string; to?: string }): SQL[] {
  return [
    ...(range.from ? [sql`${column} >= ${range.from}::date`] : []),
    ...(range.to ? [sql`${column} <= ${range.to}::date`] : []),
  ];
}

/** The rows of a page and the cursor of the next, from a query that asked for one row more than `limit`. */
export function toPage<Row, Out>(
  rows: Row[],
  limit: number,
  present: (row: Row) => Out,
  keyOf: (row: Row) => (string | number)[],
  encode: (key: (string | number)[]) => string,
) {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { data: page.map(present), nextCursor: rows.length > limit && last ? encode(keyOf(last)) : null };
}

/** Leaves out rows of the sources named (those a person keeps from AI tools); nothing when none are. */
export function notFromSources(column: AnyColumn, excluded: readonly string[] | undefined): SQL | undefined {
  return excluded && excluded.length > 0 ? notInArray(column, [...excluded]) : undefined;
}
