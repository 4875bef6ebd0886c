import { sql, type AnyColumn, type SQL } from "drizzle-orm";

/**
 * A timestamp column on the person's local days `start` to `end`, both inclusive: from local
 * midnight of `start` in `timeZone` up to, not including, the midnight after `end`. Worked out in
 * SQL against the column, so an index on it still serves the range.
 */
export function onLocalDaysIn(column: AnyColumn, params: { start: string; end: string; timeZone: string }): SQL {
  const zone = sql`${params.timeZone}::text`;
  return sql`(${column} >= (${params.start}::date::timestamp at time zone ${zone}) and ${column} < ((${params.end}::date + 1)::timestamp at time zone ${zone}))`;
}
