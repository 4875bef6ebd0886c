import type { ProviderUploads } from "@/lib/forwarding/types";
import type { ProviderSync } from "@/lib/sync/types";
import type { WorkoutDestination } from "@/lib/workouts/destination-types";
import type { DataType, ProviderFetch, ProviderSlug, TokenSet } from "./base-types";
import type { WeightDestination } from "./weight-types";

// The contract for accounts linked with the person's own username and password (Garmin Connect,
// COROS Training Hub), for people whom the official APIs shut out. They are registry entries of
// their own (credential-index.ts), not an auth kind of the official provider:
// - they speak other hosts and endpoints (Connect's private API, not the Health API), so one
//   definition per integration keeps every stream free of "which API is this" branches;
// - activities are unique by (user, provider, external_id): as their own provider, a Garmin
//   activity that also arrives through the official API is a second source row that the merge
//   links as a copy, never one row flipping between two transforms and two connections, and
//   disconnecting one integration never deletes what the other brought;
// - one entry per region (Garmin global / China are separate user databases whose activity ids
//   may collide), so a China account's definition knows only China's hosts and cannot reach a
//   global one, and its rows never share a key with a global account's.

export type CredentialRegion = "global" | "eu" | "cn";

/** What a credential provider is handed: a fetch routed to the real hosts, a simulator or the sandbox. */
export interface CredentialContext {
  fetch: ProviderFetch;
}

export interface CredentialLogin {
  username: string;
  password: string;
}

export interface CredentialIdentity {
  externalUserId: string;
  /** The account's own name (Garmin's full or display name, COROS's nickname), for the card. */
  displayName?: string;
}

/** What a sign-in step ended with. Refusals are thrown as CredentialLoginError. */
export type LoginStep =
  | {
      kind: "linked";
      tokens: TokenSet;
      identity: CredentialIdentity;
      /**
       * The region the account lives in, when the sign-in says and it is not the one chosen (COROS
       * signs in anywhere, but its tokens work only on the account's own region's host): the
       * account is linked as that region's.
       */
      homeRegion?: CredentialRegion;
    }
  /**
   * The provider asks for a code it sent (e-mail, SMS, app). `pending` is whatever finishing needs
   * (its SSO session cookies); it is kept sealed for ten minutes and handed back to completeMfa.
   */
  | { kind: "mfa_required"; method: string; pending: Record<string, unknown> };

export interface CredentialAuth {
  /** Signs in with the person's own password. */
  login(context: CredentialContext, login: CredentialLogin): Promise<LoginStep>;
  /** Finishes a sign-in that asked for a code; absent when the provider has no such step. */
  completeMfa?(context: CredentialContext, pending: Record<string, unknown>, code: string): Promise<LoginStep>;
  /**
   * Tokens another tool already holds (garth's oauth1_token.json and oauth2_token.json), checked
   * against the provider, for when it refuses automated sign-ins. Files are parsed JSON by name.
   */
  importTokens?(context: CredentialContext, files: Record<string, unknown>): Promise<LoginStep & { kind: "linked" }>;
  /** The token-file names importTokens reads, for the form and error messages. */
  tokenFiles?: readonly string[];
  /** Where a person finds those files, for the import form. */
  tokenFileHint?: string;
  /** The region token files belong to, when they say (garth's oauth1_token.json names its domain). */
  tokenFileRegion?(files: Record<string, unknown>): CredentialRegion | undefined;
  /** New tokens without the password (Garmin: the OAuth 1.0a token buys a new OAuth 2.0 pair). */
  refresh(context: CredentialContext, tokens: TokenSet): Promise<TokenSet>;
  /** Minutes before expiry at which the tokens are refreshed. */
  refreshMarginMinutes: number;
  /** A refusal of the access token other than HTTP 401 (COROS: HTTP 200 with result 1001). */
  isAccessTokenRefused?(status: number, body: unknown): boolean;
  /** Where the access token goes on API calls; Bearer when unset. */
  authorizationHeader?(accessToken: string): [name: string, value: string];
}

export interface CredentialProviderDefinition {
  kind: "credentials";
  slug: ProviderSlug;
  /** The official provider this sits beside on its card and whose /api/<family>/login serves it. */
  family: ProviderSlug;
  region: CredentialRegion;
  /** What a person sees on their data: "Garmin Connect (China)". */
  name: string;
  /** The family's name in messages ("Garmin"), as the login API's replies name it. */
  familyName: string;
  /** The region as the form offers it ("China (garmin.cn)"). */
  regionName: string;
  /**
   * The hosts this region's account talks to; nothing else is ever asked. ".example.com" allows a
   * storage service's bucket hosts (pre-signed file URLs).
   */
  hosts: readonly string[];
  brandColor: string;
  websiteUrl: string;
  dataTypes: readonly DataType[];
  activityUrl?(externalId: string): string | undefined;
  /** Sign-in, import and renewal; each sign-in names the account (identity), stable across sign-ins. */
  auth: CredentialAuth;
  sync?: ProviderSync;
  /** Structured workouts sent to the account's own calendar (Garmin Connect's workout service). */
  workouts?: WorkoutDestination;
  /** Weigh-ins forwarded to the account (Garmin Connect's weight service). */
  weightDestination?: WeightDestination;
  /** Taking files as a forwarding destination (Garmin Connect's upload service). */
  uploads?: ProviderUploads;
}
