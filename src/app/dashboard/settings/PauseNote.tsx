import type { ProviderConnection } from "@/lib/db/schema";

const formatUtc = (date: Date) =>
  `${date.toLocaleString("en", { timeZone: "UTC", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit", hourCycle: "h23" })} UTC`;

/** "Paused until …" after the provider answered 429, and the stop switch's state. */
export function PauseNote({
  connection,
  providerName,
  now = new Date(),
}: {
  connection: ProviderConnection;
  providerName: string;
  now?: Date;
}) {
  if (connection.syncStoppedAt)
    return (
      <p className="mt-1 text-sm text-zinc-700 dark:text-zinc-300" data-testid="sync-stopped">
        Syncing is stopped: QT.run asks {providerName} nothing for this account until you resume it.
      </p>
    );
  if (!connection.pausedUntil || connection.pausedUntil <= now) return null;
  return (
    <p className="mt-1 text-sm text-amber-800 dark:text-amber-300" role="status" data-testid="sync-paused">
      Paused until {formatUtc(connection.pausedUntil)}: {providerName} answered &ldquo;too many requests&rdquo;, so
      QT.run backs off
      {connection.pauseLevel > 1 ? ` (pause ${connection.pauseLevel} in a row, each twice as long)` : ""}.
    </p>
  );
}
