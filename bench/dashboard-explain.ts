// EXPLAIN ANALYZE of the queries behind the dashboard pages, exactly as the query functions
// write them: each function runs once against a client that records its SQL and parameters,
// then every recorded statement is explained with those parameters.
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import type { Database } from "../src/lib/db/client";
import {
  decodeActivityCursor,
  findActivitiesPage,
  findRecentActivities,
  listActivityFacets,
} from "../src/lib/db/queries/activities";
import { chooseBucket } from "../src/app/dashboard/health/health-query";
import {
  findBodySeries,
  findDailySeries,
  findHealthCoverage,
  findSleepSeries,
  findSourceLabels,
} from "../src/lib/db/queries/health-series";
import { findMergedDaily } from "../src/lib/db/queries/merged-daily";
import { findMergedDailySeries } from "../src/lib/db/queries/merged-series";
import { findLastNight, hasUserData, findLatestScores, summarizeWeek } from "../src/lib/db/queries/overview";
import { findUserById } from "../src/lib/db/queries/users";
import * as schema from "../src/lib/db/schema";

export interface ExplainedQuery {
  page: string;
  query: string;
  executionMs: number;
  plan: string;
}

type PlanNode = {
  "Node Type": string;
  "Index Name"?: string;
  "Relation Name"?: string;
  "Actual Rows"?: number;
  Plans?: PlanNode[];
};

// "Limit > Index Scan activities_user_start_idx (51 rows)": enough to see which index, if any, did the work.
function summarize(node: PlanNode): string {
  const label = `${node["Node Type"]}${node["Index Name"] ? ` ${node["Index Name"]}` : node["Relation Name"] ? ` on ${node["Relation Name"]}` : ""} (${node["Actual Rows"]} rows)`;
  const children = (node.Plans ?? []).map(summarize);
  return children.length === 0
    ? label
    : `${label} > ${children.length === 1 ? children[0] : `[${children.join(" | ")}]`}`;
}

export async function explainDashboardQueries(
  url: string,
  params: { userId: string; cursors: Record<string, string>; searchText: string },
): Promise<ExplainedQuery[]> {
  const recorded: Array<{ page: string; query: string; sql: string; parameters: unknown[] }> = [];
  let current = { page: "", query: "" };
  const client = postgres(url, {
    max: 1,
    onnotice: () => {},
    debug: (_connection, sql, parameters) => {
      if (current.page) recorded.push({ ...current, sql, parameters: [...(parameters as unknown[])] });
    },
  });
  const db = drizzle({ client, schema, casing: "snake_case" }) as unknown as Database;
  const { userId } = params;
  const yearAgo = new Date(Date.now() - 365 * 86_400_000).toISOString().slice(0, 10);
  const today = new Date().toISOString().slice(0, 10);
  // A zone away from UTC, so the plans are those of the local-calendar bounds.
  const timeZone = "Europe/Berlin";

  const yearSeries = { userId, start: yearAgo, end: today, bucket: chooseBucket(yearAgo, today) };
  const calls: Array<[string, string, () => Promise<unknown>]> = [
    ["every page", "findUserById", () => findUserById(db, { userId })],
    ["overview", "hasUserData", () => hasUserData(db, { userId })],
    ["overview", "summarizeWeek", () => summarizeWeek(db, { userId, timeZone, now: new Date() })],
    ["overview", "findLastNight", () => findLastNight(db, { userId })],
    ["overview", "findLatestScores", () => findLatestScores(db, { userId })],
    ["overview", "findRecentActivities", () => findRecentActivities(db, { userId, limit: 5 })],
    [
      "activities",
      "findActivitiesPage first",
      () => findActivitiesPage(db, { userId, filters: {}, timeZone, limit: 50 }),
    ],
    ...Object.entries(params.cursors).map(([label, cursor]): [string, string, () => Promise<unknown>] => [
      "activities",
      `findActivitiesPage ${label}`,
      () => findActivitiesPage(db, { userId, filters: {}, timeZone, after: decodeActivityCursor(cursor), limit: 50 }),
    ]),
    [
      "activities",
      `findActivitiesPage q=${params.searchText}`,
      () => findActivitiesPage(db, { userId, filters: { text: params.searchText }, timeZone, limit: 50 }),
    ],
    [
      "activities",
      "findActivitiesPage type=swim",
      () => findActivitiesPage(db, { userId, filters: { type: "swim" }, timeZone, limit: 50 }),
    ],
    ["activities", "listActivityFacets", () => listActivityFacets(db, { userId })],
    // The Health page's own queries for its 1-year range.
    ["health 1y", "findHealthCoverage", () => findHealthCoverage(db, { userId, timeZone })],
    ["health 1y", "findDailySeries", () => findDailySeries(db, yearSeries)],
    ["health 1y", "findBodySeries", () => findBodySeries(db, { ...yearSeries, timeZone })],
    ["health 1y", "findSleepSeries", () => findSleepSeries(db, yearSeries)],
    ["health 1y", "findSourceLabels", () => findSourceLabels(db, { userId })],
    ["health 1y", "findMergedDailySeries", () => findMergedDailySeries(db, yearSeries)],
    [
      "health 1y",
      "findMergedDaily steps",
      () => findMergedDaily(db, { userId, metric: "steps", start: yearAgo, end: today }),
    ],
  ];
  try {
    // Run each once unrecorded so the explained run sees warm caches, as the timed pages do.
    for (const [page, query, call] of calls) {
      current = { page: "", query: "" };
      await call();
      current = { page, query };
      await call();
    }
  } finally {
    await client.end();
  }
  const explainer = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const results: ExplainedQuery[] = [];
    for (const { page, query, sql, parameters } of recorded) {
      const [row] = await explainer.unsafe(`explain (analyze, buffers, format json) ${sql}`, parameters as never[]);
      const [explained] = (row as unknown as { "QUERY PLAN": Array<{ Plan: PlanNode; "Execution Time": number }> })[
        "QUERY PLAN"
      ];
      results.push({
        page,
        query,
        executionMs: Math.round(explained!["Execution Time"] * 100) / 100,
        plan: summarize(explained!.Plan),
      });
    }
    return results;
  } finally {
    await explainer.end();
  }
}
