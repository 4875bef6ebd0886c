import { historyDaysOf } from "@/lib/connections/history-days";
import type { ProviderConnection } from "@/lib/db/schema";
import type { ProviderDefinition } from "@/lib/providers/types";
import { setHistoryDaysAction } from "./history-actions";

const formatDate = (date: Date) => date.toLocaleDateString("en", { day: "numeric", month: "short", year: "numeric" });

type HistoryHorizonControlProps = {
  connection: ProviderConnection;
  provider: ProviderDefinition;
  reconnectUrl: string;
};

/** How far back the provider is asked for this connection's history, and what came of asking. */
export function HistoryHorizonControl({ connection, provider, reconnectUrl }: HistoryHorizonControlProps) {
  const history = provider.history;
  const status = history?.status(connection);
  if (!history || !status) return null;
  const current = historyDaysOf(connection, history);
  const choices = history.choices.some((choice) => choice.days === current)
    ? history.choices
    : [...history.choices, { days: current, label: `${current} days` }];
  return (
    <div className="mt-2 flex flex-col gap-1 text-sm" data-testid="history-horizon">
      <form action={setHistoryDaysAction} className="flex flex-wrap items-center gap-2">
        <input type="hidden" name="connectionId" value={connection.id} />
        <label htmlFor={`history-${connection.id}`} className="text-zinc-600 dark:text-zinc-400">
          History to request
        </label>
        {/* Keyed by the saved choice: React resets a form after its action, and a remount makes that reset land on the new choice. */}
        <select
          key={String(current)}
          id={`history-${connection.id}`}
          name="historyDays"
          defaultValue={String(current)}
          className="rounded-md border border-zinc-300 bg-white px-2 py-1 text-sm dark:border-zinc-700 dark:bg-zinc-900"
        >
          {choices.map((choice) => (
            <option key={String(choice.days)} value={String(choice.days)}>
              {choice.label}
            </option>
          ))}
        </select>
        <button className="rounded-lg px-2.5 py-1 text-sm font-medium text-zinc-600 hover:bg-zinc-100 dark:text-zinc-400 dark:hover:bg-zinc-800">
          Save
        </button>
      </form>
      {status.requestedFrom && !status.isRefused ? (
        <p className="text-zinc-500">
          Requested back to {formatDate(status.requestedFrom)}
          {status.earliestAllowed ? `, as far as ${provider.name} allows` : ""}
        </p>
      ) : null}
      {status.isRefused ? (
        <p role="alert" className="text-amber-700 dark:text-amber-400">
          {history.refusedHelp}{" "}
          <a href={reconnectUrl} className="font-medium underline">
            Reconnect
          </a>
        </p>
      ) : null}
    </div>
  );
}
