import { z } from "zod";
import { decodeCursor } from "./cursor";

// The pieces every /api/v1 query string is made of. Each endpoint's schema is strict, so a
// misspelt parameter is a 400 naming it rather than a filter silently not applied.

export const MAX_PAGE_SIZE = 200;

export const sourceParam = z
  .string()
  .regex(/^[a-z0-9_]{1,40}$/, { message: "must be a source slug such as oura or apple_health" })
  .optional()
  .describe("Only this source (provider slug, see /api/v1/sources). Without it, every source.");

export const limitParam = z.coerce
  .number({ message: "must be a number" })
  .int({ message: "must be a whole number" })
  .min(1, { message: "must be at least 1" })
  .max(MAX_PAGE_SIZE, { message: `must be at most ${MAX_PAGE_SIZE}` })
  .default(50)
  .describe(`Rows per page, 1 to ${MAX_PAGE_SIZE}.`);

/** An opaque cursor holding the sort key of a page's last row, checked against the table's key shape. */
export function cursorParam<T extends z.ZodType>(keySchema: T) {
  return z
    .string()
    .max(1000, { message: "is not a cursor this API gave out" })
    .transform((value, context): z.infer<T> => {
      const decoded = keySchema.safeParse(decodeCursor(value));
      if (decoded.success) return decoded.data;
      context.addIssue({ code: "custom", message: "is not a cursor this API gave out" });
      return z.NEVER;
    })
    .optional()
    .describe("`nextCursor` of the previous page; omit for the first page.");
}

const isoDate = z.iso.date({ message: "must be a date like 2026-11-01" });
const isoDateTime = z.iso.datetime({ offset: true, message: "must be a date like 2026-11-01 or an ISO date-time" });

/** A calendar date on the person's own calendar (daily metrics, nights of sleep). */
export const dateParam = (edge: "from" | "to") =>
  isoDate.optional().describe(`${edge === "from" ? "First" : "Last"} local date, inclusive (YYYY-MM-DD).`);

/**
 * An instant bound: a date (the person's local midnight, `to` then runs through that whole day)
 * or a date-time with an offset (exact, `to` exclusive).
 */
export const instantParam = (edge: "from" | "to") =>
  z
    .union([isoDate, isoDateTime], { message: "must be a date like 2026-11-01 or an ISO date-time" })
    .optional()
    .describe(
      edge === "from"
        ? "From this local date (YYYY-MM-DD, in your time zone) or ISO date-time, inclusive."
        : "To this local date (YYYY-MM-DD, inclusive) or ISO date-time (exclusive).",
    );

// A bare date's upper bound is the end of that day; compared in UTC, which is close enough to
// refuse a backwards range (the query itself applies the person's time zone).
const upperMs = (value: string) => Date.parse(value.length === 10 ? `${value}T23:59:59.999Z` : value);
const lowerMs = (value: string) => Date.parse(value.length === 10 ? `${value}T00:00:00Z` : value);

/** 400 naming `from` when the range runs backwards. */
export function isRangeInOrder(query: { from?: string; to?: string }): boolean {
  return !query.from || !query.to || lowerMs(query.from) <= upperMs(query.to);
}
export const RANGE_ORDER_ISSUE = { message: "must not be after to", path: ["from"] };
