import { z } from "zod";
import { addDays, DAY_MS } from "@/lib/dates";
import { AppError } from "@/lib/errors";
import { localDate } from "@/lib/time-zone";

// Ranges of the person's local days for the tools that answer day by day. Both ends are
// optional (the last 30 days by default) and the span is capped, which bounds the answer.

const day = (edge: "from" | "to") =>
  z.iso
    .date({ message: "must be a date like 2026-11-01" })
    .optional()
    .describe(
      edge === "from"
        ? "First local date, inclusive (YYYY-MM-DD). Default: 29 days before `to`."
        : "Last local date, inclusive (YYYY-MM-DD). Default: today.",
    );

export const dayRangeFields = { from: day("from"), to: day("to") };

export const daysBetween = (from: string, to: string): number =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS) + 1;

/** The range asked for with its defaults filled; INVALID_INPUT naming `from` when it runs backwards or past `maxDays`. */
export function resolveDayRange(
  input: { from?: string; to?: string },
  context: { now: Date; timeZone: string },
  maxDays: number,
): { from: string; to: string } {
  const to = input.to ?? (input.from ? minDate(addDays(input.from, maxDays - 1), today(context)) : today(context));
  const from = input.from ?? addDays(to, -29);
  if (from > to) throw new AppError("INVALID_INPUT", "from: must not be after to", { field: "from" });
  if (daysBetween(from, to) > maxDays)
    throw new AppError("INVALID_INPUT", `from: the range may span at most ${maxDays} days`, { field: "from" });
  return { from, to };
}

const today = (context: { now: Date; timeZone: string }) => localDate(context.now, context.timeZone);
const minDate = (a: string, b: string) => (a < b ? a : b);
