import { z } from "zod";
import type { Bucket } from "@/lib/db/queries/health-series";
import { addDays, DAY_MS } from "@/lib/dates";

// The Health page's URL: ?range=30d|1y|all|custom&from=&to=&view=chart|table&sources=each. A bad link
// never breaks the page: the offending part falls back to its default and a note says why.

export const RANGES = ["30d", "1y", "all", "custom"] as const;
export const VIEWS = ["chart", "table"] as const;
/** merged: one night and one weigh-in each, copies noted (the default); each: every source's own rows. */
export const SOURCE_VIEWS = ["merged", "each"] as const;
export type HealthRange = (typeof RANGES)[number];
export type HealthView = (typeof VIEWS)[number];
export type SourceView = (typeof SOURCE_VIEWS)[number];

const day = z.iso
  .date({ error: "must be a date like 2026-01-31" })
  .refine((value) => value >= "1970-01-01" && value <= "2100-12-31", "must be between 1970-01-01 and 2100-12-31");

export const rangeQuerySchema = z
  .object({
    range: z.enum(RANGES, { error: "must be 30d, 1y, all or custom" }),
    from: day.optional(),
    to: day.optional(),
  })
  .superRefine((query, context) => {
    if (query.range !== "custom") return;
    if (!query.from) context.addIssue({ code: "custom", path: ["from"], message: "is needed for a custom range" });
    if (!query.to) context.addIssue({ code: "custom", path: ["to"], message: "is needed for a custom range" });
    if (query.from && query.to && query.from > query.to)
      context.addIssue({ code: "custom", path: ["from"], message: "must not be after to" });
  });
export type RangeQuery = z.infer<typeof rangeQuerySchema>;

export const viewSchema = z.enum(VIEWS, { error: "must be chart or table" });
export const sourceViewSchema = z.enum(SOURCE_VIEWS, { error: "must be merged or each" });

export interface HealthQuery extends RangeQuery {
  view: HealthView;
  /** Absent: merged, the default, which stays out of the URL. */
  sources?: SourceView;
}

export const sourceViewOf = (query: HealthQuery): SourceView => query.sources ?? "merged";

type RawParams = Record<string, string | string[] | undefined>;
const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) || undefined;
// Names the field, as every boundary does: `"from" must be a date like 2026-01-31`.
const describe = (error: z.ZodError, field: string) =>
  error.issues.map((issue) => `"${String(issue.path[0] ?? field)}" ${issue.message}`).join("; ");

/** The page's query, with a note for every part that was ignored. */
export function readHealthQuery(params: RawParams): { query: HealthQuery; notes: string[] } {
  const from = first(params.from);
  const to = first(params.to);
  // A date without a range is a custom range (a hand-edited link).
  const range = first(params.range) ?? (from || to ? "custom" : "30d");
  const notes: string[] = [];

  // Dates only matter to a custom range; elsewhere a stale from/to is left alone.
  const parsedRange = rangeQuerySchema.safeParse(range === "custom" ? { range, from, to } : { range });
  let rangeQuery: RangeQuery = { range: "30d" };
  if (parsedRange.success) rangeQuery = parsedRange.data;
  else notes.push(`Showing the last 30 days: ${describe(parsedRange.error, "range")}.`);

  const parsedView = viewSchema.safeParse(first(params.view) ?? "chart");
  if (!parsedView.success) notes.push(`Showing charts: ${describe(parsedView.error, "view")}.`);
  const parsedSources = sourceViewSchema.safeParse(first(params.sources) ?? "merged");
  if (!parsedSources.success)
    notes.push(`Showing one history across sources: ${describe(parsedSources.error, "sources")}.`);
  const query: HealthQuery = { ...rangeQuery, view: parsedView.success ? parsedView.data : "chart" };
  if (parsedSources.success && parsedSources.data === "each") query.sources = "each";
  return { query, notes };
}

/** A link to the page with some of the query changed; defaults stay out of the URL. */
export function healthHref(query: HealthQuery, change: Partial<HealthQuery>): string {
  const next = { ...query, ...change };
  const search = new URLSearchParams();
  if (next.range !== "30d") search.set("range", next.range);
  if (next.range === "custom" && next.from && next.to) {
    search.set("from", next.from);
    search.set("to", next.to);
  }
  if (next.view !== "chart") search.set("view", next.view);
  if (next.sources === "each") search.set("sources", "each");
  const text = search.toString();
  return text ? `/dashboard/health?${text}` : "/dashboard/health";
}

export interface ResolvedRange {
  start: string;
  end: string;
  bucket: Bucket;
}

export const daysBetween = (start: string, end: string) =>
  Math.round((Date.parse(`${end}T00:00:00Z`) - Date.parse(`${start}T00:00:00Z`)) / DAY_MS);

// Up to ~3 months day by day; beyond, weekly averages keep a series under ~400 points for
// almost eight years, and monthly ones after that.
const MAX_DAILY_DAYS = 92;
const MAX_WEEKS = 400;

export function chooseBucket(start: string, end: string): Bucket {
  const days = daysBetween(start, end) + 1;
  if (days <= MAX_DAILY_DAYS) return "day";
  return Math.ceil(days / 7) <= MAX_WEEKS ? "week" : "month";
}

/** The dates a query covers. `today` is the date in the person's time zone. */
export function resolveRange(
  query: RangeQuery,
  context: { today: string; firstDataDay: string | null },
): ResolvedRange {
  const { today } = context;
  const withBucket = (start: string, end: string) => ({ start, end, bucket: chooseBucket(start, end) });
  switch (query.range) {
    case "30d":
      return withBucket(addDays(today, -29), today);
    case "1y":
      return withBucket(addDays(today, -364), today);
    case "all": {
      const start = context.firstDataDay && context.firstDataDay < today ? context.firstDataDay : addDays(today, -29);
      return withBucket(start, today);
    }
    case "custom":
      return withBucket(query.from ?? addDays(today, -29), query.to ?? today);
    default: {
      const unreachable: never = query.range;
      throw new Error(`Unknown range ${String(unreachable)}`);
    }
  }
}
