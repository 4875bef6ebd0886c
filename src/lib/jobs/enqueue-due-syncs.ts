import { getEnv } from "@/env";
import type { Database } from "@/lib/db";
import { listConnectionsDueForSync } from "@/lib/db/queries/connections";
import { enqueueConnectionSync } from "./index";

/** Queues a sync for every active connection not synced within QT_SYNC_INTERVAL_MINUTES. */
export async function enqueueDueSyncs(db: Database): Promise<number> {
  const intervalMs = getEnv().QT_SYNC_INTERVAL_MINUTES * 60_000;
  let queued = 0;
  for (const connection of await listConnectionsDueForSync(db, { syncedBefore: new Date(Date.now() - intervalMs) })) {
    const { isNew } = await enqueueConnectionSync(db, {
      userId: connection.userId,
      connectionId: connection.id,
      reason: "scheduled",
    });
    if (isNew) queued++;
  }
  return queued;
}
