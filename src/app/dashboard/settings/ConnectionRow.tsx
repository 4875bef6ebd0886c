import type { ProviderConnection, SyncJob } from "@/lib/db/schema";
import type { ProviderDefinition } from "@/lib/providers/types";
import { DisconnectButton } from "./DisconnectButton";
import { HistoryHorizonControl } from "./HistoryHorizonControl";
import { SilentPushNote } from "./SilentPushNote";
import { StatusPill } from "./StatusPill";
import { StreamStatusList } from "./StreamStatusList";
import { SyncNowButton } from "./SyncNowButton";
import { ForwardStatus } from "./ForwardStatus";
import { SyncStatus } from "./SyncStatus";

const formatDate = (date: Date) => date.toLocaleDateString("en", { day: "numeric", month: "short", year: "numeric" });

type ConnectionRowProps = {
  connection: ProviderConnection;
  provider: ProviderDefinition;
  job?: SyncJob;
  forwardJob?: SyncJob;
  lastScheduledFindAt?: Date;
};

export function ConnectionRow({ connection, provider, job, forwardJob, lastScheduledFindAt }: ConnectionRowProps) {
  // Some providers share no name (Garmin, COROS): a short id still tells two accounts apart.
  const accountName = connection.label ?? `${provider.name} account …${connection.externalUserId.slice(-6)}`;
  const reconnectUrl = `/api/oauth/connect?${new URLSearchParams({ provider: provider.slug, ...(connection.label ? { label: connection.label } : {}) })}`;
  return (
    <li
      className="flex flex-wrap items-center justify-between gap-3 py-3"
      data-testid={`connection-${provider.slug}`}
      data-connection-id={connection.id}
    >
      <div className="min-w-0">
        <div className="flex flex-wrap items-center gap-2">
          <span className="truncate font-medium">{accountName}</span>
          <StatusPill status={connection.status} />
          {connection.authKind === "oauth1" ? <span className="text-xs text-zinc-500">legacy sign-in</span> : null}
        </div>
        <p className="mt-0.5 text-sm text-zinc-600 dark:text-zinc-400">
          Connected since {formatDate(connection.createdAt)} ·{" "}
          {connection.lastSyncedAt ? `last synced ${formatDate(connection.lastSyncedAt)}` : "not synced yet"}
        </p>
        {connection.lastError && connection.status !== "active" ? (
          <p className="mt-1 text-sm text-red-700 dark:text-red-400">{connection.lastError}</p>
        ) : null}
        <SilentPushNote connection={connection} provider={provider} lastScheduledFindAt={lastScheduledFindAt} />
        <SyncStatus job={job} />
        <ForwardStatus job={forwardJob} />
        <StreamStatusList connection={connection} provider={provider} />
        <HistoryHorizonControl connection={connection} provider={provider} reconnectUrl={reconnectUrl} />
      </div>
      <div className="flex items-center gap-1">
        {connection.status === "needs_reauth" ? (
          <a
            href={reconnectUrl}
            className="rounded-lg bg-amber-500 px-3 py-1.5 text-sm font-medium text-white hover:bg-amber-600"
          >
            Reconnect
          </a>
        ) : null}
        {provider.sync && connection.status !== "needs_reauth" ? <SyncNowButton connectionId={connection.id} /> : null}
        <DisconnectButton
          connectionId={connection.id}
          accountName={accountName}
          providerName={provider.name}
          mustDeleteData={Boolean(provider.mustDeleteDataOnDisconnect)}
        />
      </div>
    </li>
  );
}
