import type { ProviderUploads } from "@/lib/forwarding/types";
import type { TokenGrantError } from "@/lib/oauth/token-errors";
import type { ProviderHistory } from "./history-types";
import type { ProviderFiles } from "@/lib/sync/file-types";
import type { ProviderSync } from "@/lib/sync/types";
import type { ProviderSubscriptions } from "@/lib/webhooks/subscription-types";
import type { ProviderWebhook } from "@/lib/webhooks/types";
import type { WorkoutDestination } from "@/lib/workouts/destination-types";
import type { CopyOrigin, DataType, ProviderContext, ProviderSlug, TokenSet } from "./base-types";
import type { WeightDestination, WeightHistory } from "./weight-types";

// The leaf types other contracts (sync, subscriptions) build on live in ./base-types, so
// those contracts need not import this file back.
export { DATA_TYPES } from "./base-types";
export type { ClientCredentials, DataType, ProviderContext, ProviderFetch, ProviderSlug, TokenSet } from "./base-types";

// The contract every provider folder fulfils. Routes, jobs and the UI ask the registry
// (./index.ts) for a ProviderDefinition and never branch on a provider's slug.

export type TokenGrant = "authorization_code" | "refresh_token";

/**
 * What the token endpoint answers an authorization code it never issued, which Settings →
 * Provider apps' "Test credentials" sends: whether a wrong client id or secret can be told from
 * right ones there (invalid_client vs invalid_grant, in the provider's own words).
 * reliable: documented or reported by integrators; unconfirmed: assumed from RFC 6749 (the UI
 * says so); none: the provider answers both alike, and the UI says the check cannot tell.
 */
export interface CredentialCheck {
  verdict: "reliable" | "unconfirmed" | "none";
  /** For the admin: what the provider answers each case, in a sentence or two. */
  answers: string;
}

export interface OAuth2Spec {
  kind: "oauth2";
  /** Real URLs; requests are rewritten for the sandbox or a simulator (providers/routing.ts). */
  authorizeUrl: string;
  tokenUrl: string;
  /** Where refreshes go when not to tokenUrl (COROS's /oauth2/refresh-token). */
  refreshUrl?: string;
  scopes: readonly string[];
  scopeSeparator: " " | ",";
  /** How the client authenticates at the token endpoint. */
  clientAuth: "body" | "basic";
  pkce: boolean;
  /** Extra authorize query parameters (e.g. Google's access_type=offline). */
  authorizeParams?: Record<string, string>;
  /** Extra form fields sent with a refresh (e.g. WHOOP's scope=offline). */
  refreshParams?: Record<string, string>;
  /**
   * Scopes without which the connection is useless; a grant missing one is refused. An
   * inner list means any one of them will do (Strava: activity:read or activity:read_all).
   */
  requiredScopes?: readonly (string | readonly string[])[];
  /** Minutes before expiry at which refreshIfDue refreshes. Default 5. */
  refreshMarginMinutes?: number;
  /**
   * The access token's life where the provider fixes it (COROS: 30 days): a token reply
   * without expires_in still gets an expiry, so it is refreshed ahead like any other.
   */
  tokenLifetimeSeconds?: number;
  /**
   * For a provider that refuses an expired or revoked access token other than with HTTP 401
   * (COROS: HTTP 200 and result 1001): whether this API reply is such a refusal. A refusal
   * gets one refresh before the person is asked to reconnect, as a 401 does.
   */
  isAccessTokenRefused?(status: number, body: unknown): boolean;
  /**
   * Turns the token endpoint's reply into a TokenSet (zod-checked). Throws TokenGrantError
   * for a provider's own error shape (COROS answers errors with HTTP 200 and a result code).
   * On a refresh `current` holds the tokens being refreshed, for providers that only extend them.
   */
  parseTokenResponse(body: unknown, context: { grant: TokenGrant; status: number; current?: TokenSet }): TokenSet;
  /**
   * For a provider whose token errors are not RFC 6749 `{ error }` JSON (Strava), says which
   * failures are a dead grant. Return undefined to fall back to the standard reading.
   */
  parseTokenError?(status: number, body: unknown): TokenGrantError | undefined;
  credentialCheck: CredentialCheck;
}

export interface OAuth1Spec {
  kind: "oauth1";
  requestTokenUrl: string;
  authorizeUrl: string;
  accessTokenUrl: string;
}

export interface ProviderIdentity {
  externalUserId: string;
  displayName?: string;
}

export interface ProviderDefinition {
  slug: ProviderSlug;
  /** What a person sees, e.g. "Fitbit (Google Health)". */
  name: string;
  description: string;
  /** Hex colour for the card's badge. */
  brandColor: string;
  /** Where a person manages the account, for "view it there" links. */
  websiteUrl: string;
  /** Where an operator registers the app and gets its client id and secret; absent where that is a partner application (COROS). */
  developerPortalUrl?: string;
  dataTypes: readonly DataType[];
  /**
   * The provider's own page for one activity, from its external id, where it has public
   * activity pages; undefined when it has none or the id cannot name one.
   */
  activityUrl?(externalId: string): string | undefined;
  /**
   * Where an activity of this provider was uploaded from, read from its raw payload, when it
   * says (merge/activities links the two as one exactly); absent when the provider never says.
   */
  copyOrigin?(raw: unknown): CopyOrigin | undefined;
  oauth: OAuth2Spec;
  /** A second, older sign-in still offered (Garmin's OAuth 1.0a until 2026-12-31). */
  legacyOAuth1?: OAuth1Spec;
  /** The provider's terms require deleting its data when a person disconnects (Strava). */
  mustDeleteDataOnDisconnect?: boolean;
  /**
   * Where the provider's API terms forbid passing its data to AI models, the words saying so
   * (Strava's, since November 2024). The MCP server withholds such a source until its person opts in.
   */
  aiUseRestriction?: string;
  /** Who the token belongs to; the id must be stable across reconnects. */
  fetchIdentity(context: ProviderContext, tokens: TokenSet): Promise<ProviderIdentity>;
  /**
   * A step the provider requires after the token exchange (Polar's user registration). It may
   * return a display name it learned on the way.
   */
  afterConnect?(
    context: ProviderContext,
    tokens: TokenSet,
    identity: ProviderIdentity,
  ): Promise<void | Pick<ProviderIdentity, "displayName">>;
  /** Revoke or deregister at the provider on disconnect, where it offers that. */
  revoke?(context: ProviderContext, tokens: TokenSet, identity: ProviderIdentity): Promise<void>;
  /** How its data is fetched; absent until the provider's sync is built. */
  sync?: ProviderSync;
  /** Its original activity files (FIT/TCX/GPX): which URLs may be fetched and how; absent if it offers none. */
  files?: ProviderFiles;
  /** A per-connection choice of how far back history is requested (Garmin's backfill). */
  history?: ProviderHistory;
  /** Its push notifications (/api/webhooks/<slug>); absent if it has none. */
  webhook?: ProviderWebhook;
  /** App-level push subscriptions to keep alive (Oura's subscriptions, Polar's one webhook). */
  subscriptions?: ProviderSubscriptions;
  /** Its weigh-in history, walked window by window on request (POST /api/sync/fitbit/weight). */
  weightHistory?: WeightHistory;
  /** Weigh-ins forwarded from another source are accepted here (Garmin credential accounts). */
  weightDestination?: WeightDestination;
  /** Accepts activity files, so forwarding can send activities here; absent if it does not. */
  uploads?: ProviderUploads;
  /** Structured workouts sent to the account's calendar (Garmin's Training API); absent if it takes none. */
  workouts?: WorkoutDestination;
}
