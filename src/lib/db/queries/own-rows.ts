import { and, eq, gte, lte, type SQL } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";

/**
 * A person's rows of a table with `column` from `start` to `end`, both included, narrowed
 * further by `also` (undefined conditions are dropped).
 */
export function ownRowsBetween(
  table: { userId: PgColumn },
  range: { userId: string; column: PgColumn; start: string | Date; end: string | Date },
  ...also: Array<SQL | undefined>
): SQL | undefined {
  return and(eq(table.userId, range.userId), gte(range.column, range.start), lte(range.column, range.end), ...also);
}
