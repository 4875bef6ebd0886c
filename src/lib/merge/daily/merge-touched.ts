import type { Database } from "@/lib/db/client";
import { remergeNights, remergeWeighIns } from "@/lib/db/queries/merged-copies";
import { findUserTimeZone, remergeDays } from "@/lib/db/queries/merged-daily";
import { localDate } from "@/lib/time-zone";
import type { TouchedHistory } from "./touched";

/**
 * Merges again what a write touched: its days' merged values, its nights and its weigh-ins.
 * Called inside the write's transaction, so the merged history commits with the rows (or not
 * at all) and a retried write merges again from scratch.
 */
export async function mergeTouched(db: Database, userId: string, touched: TouchedHistory): Promise<void> {
  if (touched.isEmpty) return;
  const days = new Set(touched.days);
  if (touched.sampleHours.size) {
    // A sample's day is the person's: samples keep their instant only.
    const timeZone = await findUserTimeZone(db, { userId });
    for (const hour of touched.sampleHours) days.add(localDate(new Date(hour), timeZone));
  }
  await remergeDays(db, { userId, days });
  await remergeNights(db, { userId, nights: touched.nights });
  await remergeWeighIns(db, { userId, times: touched.weighInTimes });
}
