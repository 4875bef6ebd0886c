import { and, desc, eq, notExists, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Database } from "@/lib/db/client";
import { bodyMeasurements, weighInCopies } from "@/lib/db/schema";
import { encodeCursor } from "../cursor";
import { isoUtc } from "../local-time";
import type { BodyMeasurementRow, BodyMeasurementsQuery, Page } from "../schemas";
import { instantRange, notFromSources, toPage } from "./range";

// The read of body measurements (weigh-ins). Without a source, a weigh-in several services
// reported is listed once (weigh_in_copies, lib/merge/daily); with one, that source's own.

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

const primaryWeighIn = alias(bodyMeasurements, "primary_weigh_in");

/**
 * Not a copy of a weigh-in that is listed: a copy whose counted weigh-in comes from a source
 * left out (kept from AI tools) stands in for it.
 */
const notACopy = (db: Database, excluded: readonly string[] | undefined) =>
  notExists(
    db
      .select({ one: sql`1` })
      .from(weighInCopies)
      .innerJoin(primaryWeighIn, eq(primaryWeighIn.id, weighInCopies.primaryMeasurementId))
      .where(
        and(eq(weighInCopies.measurementId, bodyMeasurements.id), notFromSources(primaryWeighIn.provider, excluded)),
      ),
  );

/** One page of the person's body measurements, newest first. */
export async function readBodyMeasurementsPage(
  db: Database,
  params: {
    userId: string;
    timeZone: string;
    query: BodyMeasurementsQuery;
    /** Sources left out whatever the query says (those the person keeps from AI tools). */
    excludedSources?: readonly string[];
    /** Every source's own weigh-ins, copies included (the export's table dump). */
    allSources?: boolean;
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
        query.source || params.allSources ? undefined : notACopy(db, params.excludedSources),
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
