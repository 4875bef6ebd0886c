import { and, asc, eq, isNotNull } from "drizzle-orm";
import type { Database } from "../client";
import { bodyMeasurements, sleepSessions } from "../schema";
import type { OrderedMetric } from "@/lib/merge/daily/metrics";
import type { SourceRef } from "@/lib/merge/daily/types";
import { findMergedSources } from "./merged-daily";

/** The sources that have (or had, on a merged day) a metric: what Settings -> Sources can put in order. */
export async function findOrderableSources(
  db: Database,
  params: { userId: string; metric: OrderedMetric },
): Promise<SourceRef[]> {
  const { userId, metric } = params;
  if (metric === "sleep")
    return db
      .selectDistinct({ provider: sleepSessions.provider, sourceId: sleepSessions.sourceId })
      .from(sleepSessions)
      .where(eq(sleepSessions.userId, userId))
      .orderBy(asc(sleepSessions.provider), asc(sleepSessions.sourceId));
  if (metric === "weight")
    return db
      .selectDistinct({ provider: bodyMeasurements.provider, sourceId: bodyMeasurements.sourceId })
      .from(bodyMeasurements)
      .where(and(eq(bodyMeasurements.userId, userId), isNotNull(bodyMeasurements.weightKg)))
      .orderBy(asc(bodyMeasurements.provider), asc(bodyMeasurements.sourceId));
  return findMergedSources(db, { userId, metric });
}
