import type { ProviderConnection, SyncJob } from "@/lib/db/schema";
import type { CredentialProviderDefinition } from "@/lib/providers/credential-types";
import { DisconnectButton } from "./DisconnectButton";
import { PauseNote } from "./PauseNote";
import { StatusPill } from "./StatusPill";
import { StopSyncButton } from "./StopSyncButton";
import { StreamStatusList } from "./StreamStatusList";
import { SyncNowButton } from "./SyncNowButton";
import { ForwardStatus } from "./ForwardStatus";
import { SyncStatus } from "./SyncStatus";

const formatDate = (date: Date) => date.toLocaleDateString("en", { day: "numeric", month: "short", year: "numeric" });

/** A password-linked account on its official provider's card: "Garmin Connect (China) · Li Wei". */
export function CredentialConnectionRow({
  connection,
  source,
  job,
  forwardJob,
}: {
  connection: ProviderConnection;
  source: CredentialProviderDefinition;
  job?: SyncJob;
  forwardJob?: SyncJob;
}) {
  const accountName = `${source.name} · ${connection.label ?? `account …${connection.externalUserId.slice(-6)}`}`;
  const isStopped = Boolean(connection.syncStoppedAt);
  const isPaused = Boolean(connection.pausedUntil && connection.pausedUntil > new Date());
  return (
    <li
      className="flex flex-wrap items-center justify-between gap-3 py-3"
      data-testid={`connection-${source.slug}`}
      data-connection-id={connection.id}
    >
      <div className="min-w-0">
        <div className="flex flex-wrap items-center gap-2">
          <span className="truncate font-medium">{accountName}</span>
          <StatusPill status={connection.status} />
          <span className="text-xs text-zinc-500">
            linked with password{connection.encryptedLogin ? " · signs in again automatically" : ""}
          </span>
        </div>
        <p className="mt-0.5 text-sm text-zinc-600 dark:text-zinc-400">
          Linked since {formatDate(connection.createdAt)} ·{" "}
          {connection.lastSyncedAt ? `last synced ${formatDate(connection.lastSyncedAt)}` : "not synced yet"}
        </p>
        {connection.lastError && (connection.status !== "active" || isPaused) ? (
          <p className="mt-1 text-sm text-red-700 dark:text-red-400">{connection.lastError}</p>
        ) : null}
        <PauseNote connection={connection} providerName={source.familyName} />
        {isStopped ? null : <SyncStatus job={job} />}
        <ForwardStatus job={forwardJob} />
        <StreamStatusList connection={connection} provider={source} />
        {connection.status === "needs_reauth" ? (
          <p className="mt-1 text-sm text-amber-800 dark:text-amber-300">
            Sign in again with &ldquo;Link with password&rdquo; (the same account renews this one), or import new token
            files.
          </p>
        ) : null}
      </div>
      <div className="flex items-center gap-1">
        {!isStopped && !isPaused && connection.status !== "needs_reauth" ? (
          <SyncNowButton connectionId={connection.id} />
        ) : null}
        <StopSyncButton connectionId={connection.id} isStopped={isStopped} />
        <DisconnectButton
          connectionId={connection.id}
          accountName={accountName}
          providerName={source.familyName}
          mustDeleteData={false}
          forgetsOnly
        />
      </div>
    </li>
  );
}
