import type { Database } from "@/lib/db";
import { getConnectionOrThrow, updateConnectionSettings } from "@/lib/db/queries/connections";
import { AppError } from "@/lib/errors";
import { enqueueConnectionSync } from "@/lib/jobs";
import { getSourceOrThrow, historyOf } from "@/lib/providers/sources";
import type { HistoryDays } from "@/lib/providers/history-types";
import { historyDaysOf } from "./history-days";

/**
 * Stores how far back a person wants a connection's history and queues a sync: a longer horizon
 * has windows to ask for, and the sync asks only for those (a shorter one asks for nothing).
 */
export async function setConnectionHistoryDays(
  db: Database,
  params: { userId: string; connectionId: string; historyDays: HistoryDays },
): Promise<void> {
  const connection = await getConnectionOrThrow(db, params);
  const history = historyOf(getSourceOrThrow(connection.provider));
  if (!history?.status(connection))
    throw new AppError("INVALID_INPUT", "historyDays: this connection has no history to choose.");
  const allowed = [
    ...history.choices.map((choice) => choice.days),
    historyDaysOf(connection, history),
    history.defaultDays(),
  ];
  if (!allowed.includes(params.historyDays))
    throw new AppError("INVALID_INPUT", `historyDays: must be one of ${allowed.join(", ")}.`);
  await updateConnectionSettings(db, {
    userId: params.userId,
    connectionId: params.connectionId,
    settings: { historyDays: params.historyDays },
  });
  await enqueueConnectionSync(db, {
    userId: params.userId,
    connectionId: params.connectionId,
    reason: "history",
    payload: { historyDays: params.historyDays },
  });
}
