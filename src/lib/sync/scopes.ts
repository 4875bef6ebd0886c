import type { SyncContext } from "./types";

/**
 * False only when the grant is known and lacks the scope, so the provider would refuse the
 * request: the stream skips it. An empty list means the provider did not say what it granted.
 */
export const hasScope = (context: Pick<SyncContext, "tokens">, scope: string): boolean => {
  const scopes = context.tokens().scopes;
  return scopes.length === 0 || scopes.includes(scope);
};
