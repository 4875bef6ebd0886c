import { z } from "zod";
import { sourceParam } from "@/lib/api-v1/query-params";
import { addDays } from "@/lib/dates";
import { sumActivitiesByWeek } from "@/lib/db/queries/training-summary";
import { AppError } from "@/lib/errors";
import { localDate } from "@/lib/time-zone";
import { defineTool, withheldNotes } from "../tool-kit";

export const MAX_WEEKS = 52;

const weekDate = (edge: "from" | "to") =>
  z.iso
    .date({ message: "must be a date like 2026-11-01" })
    .optional()
    .describe(
      edge === "from"
        ? "Any date in the first week (YYYY-MM-DD; weeks start on Monday). Default: 11 weeks before `to`."
        : "Any date in the last week. Default: today.",
    );

export const weeklyTrainingSummaryInput = z.strictObject({
  from: weekDate("from"),
  to: weekDate("to"),
  source: sourceParam,
});

/** The Monday of a date's ISO week. */
export function mondayOf(date: string): string {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return addDays(date, -((weekday + 6) % 7));
}

interface Totals {
  count: number;
  distanceM: number;
  durationS: number;
  elevationGainM: number;
}
const emptyTotals = (): Totals => ({ count: 0, distanceM: 0, durationS: 0, elevationGainM: 0 });
function add(totals: Totals, row: Totals) {
  totals.count += row.count;
  totals.distanceM += row.distanceM;
  totals.durationS += row.durationS;
  totals.elevationGainM += row.elevationGainM;
}
const rounded = (totals: Totals): Totals => ({
  count: totals.count,
  distanceM: Math.round(totals.distanceM),
  durationS: Math.round(totals.durationS),
  elevationGainM: Math.round(totals.elevationGainM),
});

export const weeklyTrainingSummary = defineTool({
  name: "weekly_training_summary",
  title: "Weekly training summary",
  description: `Training per local week (Monday first), up to ${MAX_WEEKS} weeks: number of activities, distance (m), duration (s), elevation gain (m), in total and per sport, and which sources they came from. Weeks without training are listed with zeros. A workout recorded by several sources counts once, under the source chosen for it; pass source to count only that source's own records.`,
  input: weeklyTrainingSummaryInput,
  async run(context, input) {
    const today = localDate(context.now, context.timeZone);
    const toMonday = mondayOf(input.to ?? today);
    const fromMonday = mondayOf(input.from ?? addDays(toMonday, -7 * 11));
    if (fromMonday > toMonday) throw new AppError("INVALID_INPUT", "from: must not be after to", { field: "from" });
    const weekCount = Math.round((Date.parse(toMonday) - Date.parse(fromMonday)) / (7 * 86_400_000)) + 1;
    if (weekCount > MAX_WEEKS)
      throw new AppError("INVALID_INPUT", `from: the range may span at most ${MAX_WEEKS} weeks`, { field: "from" });

    const rows = await sumActivitiesByWeek(context.db, {
      userId: context.userId,
      timeZone: context.timeZone,
      fromMonday,
      toMonday,
      provider: input.source,
    });
    const weeks = new Map(
      Array.from({ length: weekCount }, (_, index) => {
        const week = addDays(fromMonday, 7 * index);
        return [week, { total: emptyTotals(), sports: new Map<string, Totals>(), sources: new Set<string>() }];
      }),
    );
    const withheld = new Map<string, number>();
    for (const row of rows) {
      if (context.sharing.withheld.has(row.provider)) {
        withheld.set(row.provider, (withheld.get(row.provider) ?? 0) + row.count);
        continue;
      }
      const week = weeks.get(row.week);
      if (!week) continue;
      add(week.total, row);
      const sport = week.sports.get(row.type) ?? week.sports.set(row.type, emptyTotals()).get(row.type)!;
      add(sport, row);
      week.sources.add(row.provider);
    }
    return {
      from: fromMonday,
      to: addDays(toMonday, 6),
      weeks: [...weeks].map(([week, { total, sports, sources }]) => ({
        week,
        ...rounded(total),
        sports: Object.fromEntries([...sports].map(([type, totals]) => [type, rounded(totals)])),
        sources: [...sources].sort(),
      })),
      ...withheldNotes(context.sharing, withheld),
    };
  },
});
