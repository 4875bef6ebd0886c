import type { ProviderConnection } from "@/lib/db/schema";
import type { SourceDefinition } from "@/lib/providers/source-types";
import { streamLabel } from "@/lib/sync/stream-label";
import { TryStreamAgainButton } from "./TryStreamAgainButton";

/**
 * Per data type, how the connection's syncs last ended, shown once one of them did not sync:
 * "Steps, Sleep: OK" and "Distance: refused by Fitbit (Google Health): …" with a way to ask again.
 */
export function StreamStatusList({
  connection,
  provider,
}: {
  connection: ProviderConnection;
  provider: SourceDefinition;
}) {
  const entries = Object.entries(connection.streamStatus);
  const stopped = entries.filter(([, status]) => status.state === "refused" || status.state === "failed");
  if (!stopped.length) return null;
  const label = (key: string) => streamLabel(provider.sync, key);
  const ok = entries.filter(([, status]) => status.state === "ok").map(([key]) => label(key));
  return (
    <ul className="mt-1 space-y-0.5 text-sm" aria-label="Data types" data-testid="stream-status">
      {ok.length ? <li className="text-zinc-500">{ok.join(", ")}: OK</li> : null}
      {stopped.map(([key, status]) => (
        <li key={key} className="text-amber-800 dark:text-amber-300" data-stream={key}>
          {status.state === "refused" ? (
            <>
              {label(key)}: refused by {provider.name}
              {status.message ? `: ${status.message}` : ` (HTTP ${status.httpStatus})`} · skipped until you ask again{" "}
              <TryStreamAgainButton connectionId={connection.id} stream={key} label={label(key)} />
            </>
          ) : (
            <>
              {label(key)}: could not be read ({status.message}); tried again on the next sync
            </>
          )}
        </li>
      ))}
    </ul>
  );
}
