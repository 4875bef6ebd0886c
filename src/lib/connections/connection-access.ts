import type { TokenSet } from "@/lib/providers/base-types";

// Leaf types for a connection's requests outside a sync: the provider contract (workout and
// weight destinations) names them, so they must not pull in the code that opens a connection.

/** A request on the account's behalf: a real URL in, routed (PROVIDER_BASE_URL, sandbox) and authorized. */
export type AuthorizedFetch = (realUrl: string, init?: RequestInit) => Promise<Response>;

/** What a connection hands a destination: a fetch carrying its token, and the tokens themselves. */
export interface ConnectionAccess {
  fetch: AuthorizedFetch;
  tokens: TokenSet;
}
