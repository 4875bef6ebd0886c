import type { Database } from "@/lib/db";
import type { FileStore } from "@/lib/files/store";
import type { HistoryDays } from "@/lib/providers/history-types";
import { contextForRoute, resolveProviderRoute, unrouteUrl } from "@/lib/providers/routing";
import type { ProviderDefinition, TokenSet } from "@/lib/providers/types";
import { fetchOriginalFiles, type FileFetchCounts } from "./fetch-original-files";
import type { SyncFetch } from "./types";

export interface ConnectionFilesRun {
  db: Database;
  provider: ProviderDefinition;
  owner: { userId: string; connectionId: string; provider: string; sourceId: string };
  /** The sync's own fetch: paced within the provider's budget, with the person's token. */
  client: { fetch: SyncFetch; tokens(): TokenSet };
  jobPayload: Record<string, unknown>;
  historyDays?: HistoryDays;
  appUrl?: string;
  store: FileStore;
  maxBytes: number;
}

/** The connection's due original files, fetched the way its provider says (its `files` part); nothing for a provider without one. */
export async function fetchConnectionFiles(run: ConnectionFilesRun): Promise<FileFetchCounts | undefined> {
  const { provider } = run;
  if (!provider.files || !provider.sync) return undefined;
  const route = await resolveProviderRoute(run.db, provider.slug, run.appUrl);
  const plain = contextForRoute(provider, route).fetch;
  return fetchOriginalFiles({
    db: run.db,
    provider: { ...provider, files: provider.files },
    owner: { userId: run.owner.userId, connectionId: run.owner.connectionId, provider: provider.slug },
    context: {
      fetch: run.client.fetch,
      tokens: run.client.tokens,
      externalUserId: run.owner.sourceId,
      now: new Date(),
      backfillDays: provider.sync.backfillDays,
      historyDays: run.historyDays,
      jobPayload: run.jobPayload,
      fetchWithoutToken: (realUrl, init) => plain(realUrl, init),
    },
    store: run.store,
    maxBytes: run.maxBytes,
    realUrlOf: (url) => unrouteUrl(route, url),
  });
}
