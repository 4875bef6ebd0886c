import { and, desc, eq, sql } from "drizzle-orm";
import type { Database } from "@/lib/db/client";
import { bodyMeasurements } from "@/lib/db/schema";
import { encodeCursor } from "../cursor";
import { isoUtc } from "../local-time";
import type { BodyMeasurementRow, BodyMeasurementsQuery, Page } from "../schemas";
import { instantRange, notFromSources, toPage } from "./range";

// The read of body measurements (weigh-ins). Every source unless one is named; merged
// weigh-ins will replace the unnamed case here only.

const columns = {
  id: bodyMeasurements.id,
  provider: bodyMeasurements.provider,
  sourceId: bodyMeasurements.sourceId,
  measuredAt: bodyMeasurements.measuredAt,
  weightKg: bodyMeasurements.weightKg,
  bmi: bodyMeasurements.bmi,
  bodyFatPercent: bodyMeasurements.bodyFatPercent,
  muscleMassKg: bodyMeasurements.muscleMassKg,
};

/** One page of the person's body measurements, newest first. */
export async function readBodyMeasurementsPage(
  db: Database,
  params: {
    userId: string;
    timeZone: string;
    query: BodyMeasurementsQuery;
    /** Sources left out whatever the query says (those the person keeps from AI tools). */
    excludedSources?: readonly string[];
  },
): Promise<Page<BodyMeasurementRow>> {
  const { query } = params;
  const after = query.cursor;
  const rows = await db
    .select(columns)
    .from(bodyMeasurements)
    .where(
      and(
        eq(bodyMeasurements.userId, params.userId),
        query.source ? eq(bodyMeasurements.provider, query.source) : undefined,
        notFromSources(bodyMeasurements.provider, params.excludedSources),
        ...instantRange(bodyMeasurements.measuredAt, query, params.timeZone),
        after
          ? sql`(${bodyMeasurements.measuredAt}, ${bodyMeasurements.id}) < (${after[0]}::timestamptz, ${after[1]}::uuid)`
          : undefined,
      ),
    )
    .orderBy(desc(bodyMeasurements.measuredAt), desc(bodyMeasurements.id))
    .limit(query.limit + 1);
  return toPage(
    rows,
    query.limit,
    ({ provider, measuredAt, ...rest }) => ({ ...rest, source: provider, measuredAt: isoUtc(measuredAt) }),
    (row) => [isoUtc(row.measuredAt), row.id],
    encodeCursor,
  );
}
