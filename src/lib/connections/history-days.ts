import type { ProviderConnection } from "@/lib/db/schema";
import { historyDaysSchema, type HistoryDays, type ProviderHistory } from "@/lib/providers/history-types";

/** The connection's history horizon: the person's choice, else the provider's default. */
export function historyDaysOf(connection: Pick<ProviderConnection, "settings">, history: ProviderHistory): HistoryDays {
  const chosen = historyDaysSchema.safeParse(connection.settings.historyDays);
  return chosen.success ? chosen.data : history.defaultDays();
}
