import { z } from "zod";

/**
 * What an API key may do, chosen when it is made. `ingest` pushes data in (phones, file uploads),
 * `read` reads it back (/api/v1, exports, the MCP server), `write` changes things or acts on
 * the person's accounts (syncs, forwarding, workouts). A phone's key never needs to read, so a
 * lost phone gives away nothing already stored.
 */
export const API_KEY_SCOPES = ["ingest", "read", "write"] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

export const apiKeyScopeSchema = z.enum(API_KEY_SCOPES);

export const API_KEY_SCOPE_LABELS: Record<ApiKeyScope, string> = {
  ingest: "Push data in (phones, file uploads)",
  read: "Read data (the /api/v1 read API, exports)",
  write: "Act on your accounts (syncs, forwarding, workouts)",
};

/** The scopes a stored row holds, in the canonical order; anything unknown is ignored, never granted. */
export function knownScopes(stored: readonly string[]): ApiKeyScope[] {
  return API_KEY_SCOPES.filter((scope) => stored.includes(scope));
}
