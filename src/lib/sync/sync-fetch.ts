import { getEnv, providerSetting } from "@/env";
import type { Database } from "@/lib/db";
import { setConnectionStatus } from "@/lib/db/queries/connections";
import type { ProviderConnection } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { refreshIfDue } from "@/lib/connections/refresh";
import { createProviderContext } from "@/lib/providers/routing";
import type { ProviderContext, ProviderDefinition, ProviderFetch, TokenSet } from "@/lib/providers/types";
import { createPacer } from "./pacer";
import { rateLimitWaitMs } from "./rate-limit";
import { isAccessTokenRefused } from "./token-refusal";
import type { SyncFetch } from "./types";
import { MAX_IN_PLACE_WAIT_MS, WaitUntil } from "./wait-until";

const MAX_SERVER_ERROR_RETRIES = 3;
const MAX_RATE_LIMIT_WAITS = 20;

export interface SyncFetchOptions {
  db: Database;
  provider: ProviderDefinition;
  connection: Pick<ProviderConnection, "id" | "provider">;
  tokens: TokenSet;
  appUrl?: string;
  /** Told before every rate-limit wait, so the job can show when it continues. */
  onWait?: (until: Date) => Promise<void>;
  sleep?: (ms: number) => Promise<void>;
}

/** <SLUG>_REQUESTS_PER_MINUTE, else QT_SYNC_REQUESTS_PER_MINUTE, else the provider's published limit. */
function requestBudget(provider: ProviderDefinition): number {
  const own = Number(providerSetting(provider.slug, "REQUESTS_PER_MINUTE"));
  return own > 0 ? own : (getEnv().QT_SYNC_REQUESTS_PER_MINUTE ?? provider.sync?.requestsPerMinute ?? 60);
}

// 408 (the provider gave up waiting for us) is retried like a 5xx. Every other 4xx but 401
// and 429 is the provider refusing this request: asking again gets the same answer, so it
// goes back to the caller at once (run-sync.ts records it on that stream).
const isRetriedStatus = (status: number) => status >= 500 || status === 408;

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * The fetch a sync uses: adds the current token (refreshing it when due, and once more when
 * the provider refuses it, by 401 or its own way), paces requests within the provider's
 * budget, waits out 429s as the provider says, and retries 5xx and 408 with backoff. Anything else
 * is the caller's to read. A wait longer than
 * MAX_IN_PLACE_WAIT_MS throws WaitUntil instead, so the worker is free for other jobs meanwhile.
 */
export function createSyncFetch(options: SyncFetchOptions): { fetch: SyncFetch; tokens(): TokenSet } {
  const { db, provider, connection } = options;
  const sleep = options.sleep ?? realSleep;
  // Resolved at the first request: the client credentials live in the database now and then.
  let context: Promise<ProviderContext> | undefined;
  const providerFetch: ProviderFetch = async (url, init) =>
    (await (context ??= createProviderContext(db, provider, options.appUrl))).fetch(url, init);
  const budgetKey = provider.sync?.budgetScope === "app" ? provider.slug : `${provider.slug}:${connection.id}`;
  const pacer = createPacer(budgetKey, requestBudget(provider), sleep);
  let tokens = options.tokens;

  const fetch: SyncFetch = async (realUrl, init = {}) => {
    let serverErrors = 0;
    let rateLimitWaits = 0;
    let hasRetriedAuth = false;
    for (;;) {
      tokens = await refreshIfDue(db, connection, { appUrl: options.appUrl });
      const slot = await pacer.take(MAX_IN_PLACE_WAIT_MS);
      if (slot) throw new WaitUntil(slot, budgetKey);
      let response: Response;
      try {
        response = await providerFetch(realUrl, { ...init, accessToken: tokens.accessToken });
      } catch (error) {
        if (++serverErrors > MAX_SERVER_ERROR_RETRIES) throw error;
        await sleep(1000 * 2 ** (serverErrors - 1));
        continue;
      }
      if (response.status === 429 && ++rateLimitWaits <= MAX_RATE_LIMIT_WAITS) {
        const now = Date.now();
        const waitMs = rateLimitWaitMs(response, provider, now);
        await response.body?.cancel();
        if (waitMs > MAX_IN_PLACE_WAIT_MS) throw new WaitUntil(new Date(now + waitMs), budgetKey);
        await options.onWait?.(new Date(now + waitMs));
        await sleep(waitMs);
        continue;
      }
      if (isRetriedStatus(response.status) && ++serverErrors <= MAX_SERVER_ERROR_RETRIES) {
        await response.body?.cancel();
        await sleep(1000 * 2 ** (serverErrors - 1));
        continue;
      }
      const isRefused = await isAccessTokenRefused(provider, response);
      if (isRefused && !hasRetriedAuth) {
        hasRetriedAuth = true;
        await response.body?.cancel();
        tokens = await refreshIfDue(db, connection, { appUrl: options.appUrl, refused: tokens });
        continue;
      }
      if (isRefused) {
        await setConnectionStatus(db, {
          connectionId: connection.id,
          status: "needs_reauth",
          lastError: `${provider.name} refused the access token.`,
        });
        throw new AppError(
          "PROVIDER_AUTH_EXPIRED",
          `${provider.name} refused the access token; reconnect to continue.`,
        );
      }
      if (response.status === 429 || isRetriedStatus(response.status)) {
        throw new AppError(
          response.status === 429 ? "RATE_LIMITED" : "PROVIDER_UNAVAILABLE",
          `${provider.name} answered HTTP ${response.status} for ${new URL(realUrl).pathname}.`,
        );
      }
      return response;
    }
  };
  return { fetch, tokens: () => tokens };
}
