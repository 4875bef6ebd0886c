import { z } from "zod";
import type { Database } from "@/lib/db/client";
import { remergeNights, remergeWeighIns } from "@/lib/db/queries/merged-copies";
import { findDaysWithData, findPersonalOrders, remergeDays, savePersonalOrder } from "@/lib/db/queries/merged-daily";
import { findOrderableSources } from "@/lib/db/queries/source-order";
import { bodyMeasurements, sleepSessions } from "@/lib/db/schema";
import { eq, sql } from "drizzle-orm";
import { ORDERED_METRICS, type OrderedMetric } from "./metrics";
import { orderSources, sourceKeyOf, sourceKind, type SourceKind } from "./priority";
import type { SourceRef } from "./types";

// Settings -> Sources: the person's order of sources per metric, and merging everything of
// that metric again once it changes, so the page and the API follow it at once.

export const moveSourceSchema = z.object({
  metric: z.enum(ORDERED_METRICS, { error: "must be one of the metrics on the page" }),
  provider: z.string().min(1, { error: "must name the source's provider" }).max(40),
  sourceId: z.string().max(200, { error: "is too long" }),
  direction: z.enum(["up", "down"], { error: "must be up or down" }),
});
export type MoveSource = z.infer<typeof moveSourceSchema>;

export interface MetricOrder {
  metric: OrderedMetric;
  sources: Array<SourceRef & { kind: SourceKind }>;
  isPersonal: boolean;
}

/** Every metric with its sources in the order they count now. */
export async function listSourceOrders(db: Database, params: { userId: string }): Promise<MetricOrder[]> {
  const personal = await findPersonalOrders(db, params);
  const orders: MetricOrder[] = [];
  for (const metric of ORDERED_METRICS) {
    const sources = await findOrderableSources(db, { userId: params.userId, metric });
    if (!sources.length) continue;
    orders.push({
      metric,
      sources: orderSources(sources, personal[metric]).map((source) => ({ ...source, kind: sourceKind(source) })),
      isPersonal: Boolean(personal[metric]),
    });
  }
  return orders;
}

/**
 * Moves one source a place up or down and stores the whole order, so later sources the
 * person has not placed yet fall in after it. Then merges the metric's history again.
 */
export async function moveSource(db: Database, params: { userId: string; move: MoveSource }): Promise<SourceRef[]> {
  const { userId, move } = params;
  return db.transaction(async (tx) => {
    const personal = (await findPersonalOrders(tx, { userId }))[move.metric];
    const current = orderSources(await findOrderableSources(tx, { userId, metric: move.metric }), personal);
    const index = current.findIndex((source) => sourceKeyOf(source) === sourceKeyOf(move));
    const target = index + (move.direction === "up" ? -1 : 1);
    if (index < 0 || target < 0 || target >= current.length) return current;
    [current[index], current[target]] = [current[target]!, current[index]!];
    const sources = current.map(({ provider, sourceId }) => ({ provider, sourceId }));
    await savePersonalOrder(tx, { userId, metric: move.metric, sources });
    await remergeMetric(tx, { userId, metric: move.metric });
    return sources;
  });
}

async function remergeMetric(db: Database, params: { userId: string; metric: OrderedMetric }): Promise<void> {
  const { userId, metric } = params;
  if (metric === "sleep") {
    const rows = await db
      .selectDistinct({ night: sql<string>`to_char(${sleepSessions.localDate}::timestamp, 'YYYY-MM-DD')` })
      .from(sleepSessions)
      .where(eq(sleepSessions.userId, userId));
    await remergeNights(db, { userId, nights: rows.map((row) => row.night) });
    return;
  }
  if (metric === "weight") {
    const rows = await db
      .select({ measuredAt: bodyMeasurements.measuredAt })
      .from(bodyMeasurements)
      .where(eq(bodyMeasurements.userId, userId));
    await remergeWeighIns(db, { userId, times: rows.map((row) => row.measuredAt.getTime()) });
    return;
  }
  await remergeDays(db, { userId, days: await findDaysWithData(db, { userId }), metrics: [metric] });
}
