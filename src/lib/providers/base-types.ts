// The leaf of the provider contract: plain types every other contract (providers/types.ts,
// sync/types.ts, webhooks/subscription-types.ts) may import. It imports nothing, so those
// contracts never import one another in a circle.

/** A provider's id in URLs, the database and env names (`<SLUG>_CLIENT_ID`); lower-case. */
export type ProviderSlug = string;

export const DATA_TYPES = [
  "activities",
  "sleep",
  "daily",
  "heart_rate",
  "hrv",
  "readiness",
  "recovery",
  "strain",
  "steps",
  "stress",
  "weight",
] as const;
export type DataType = (typeof DATA_TYPES)[number];

/** What we keep (encrypted) for a connection. */
export interface TokenSet {
  accessToken: string;
  refreshToken?: string;
  /** OAuth 1.0a token secret (Garmin legacy). */
  tokenSecret?: string;
  /** Absent when the provider announces no expiry (Polar's long-lived tokens). */
  expiresAt?: Date;
  /** As granted, which may be fewer than we asked for. */
  scopes: string[];
  /** Set when the token reply names the user (Polar `x_user_id`, Strava `athlete.id`). */
  externalUserId?: string;
  /**
   * What a password-linked account's own refresh needs besides the OAuth 2.0 pair (Garmin's
   * OAuth 1.0a token that buys new ones, the DI client id that issued them). Sealed with the rest.
   */
  extra?: Record<string, string>;
}

export interface ClientCredentials {
  clientId: string;
  clientSecret: string;
}

/** A fetch bound to one provider: takes real URLs and sends them where routing says. */
export type ProviderFetch = (realUrl: string, init?: RequestInit & { accessToken?: string }) => Promise<Response>;

export interface ProviderContext {
  fetch: ProviderFetch;
  credentials: ClientCredentials;
}

/**
 * What an activity says about the upload it was made from, when it is another source's copy
 * (Strava's `external_id` "garmin_push_123", or our own forwarded upload's `qt-<activity id>`).
 */
export type CopyOrigin =
  { kind: "source_activity"; provider: ProviderSlug; externalId: string } | { kind: "forwarded"; activityId: string };
