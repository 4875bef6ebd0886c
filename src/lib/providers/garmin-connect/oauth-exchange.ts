import { AppError } from "@/lib/errors";
import { signOAuth1, type OAuth1Token } from "@/lib/oauth/oauth1-client";
import { TokenGrantError } from "@/lib/oauth/token-errors";
import type { ClientCredentials, TokenSet } from "../base-types";
import { CredentialLoginError } from "../credential-errors";
import type { CredentialContext } from "../credential-types";
import { readJson } from "../http";
import { garminHosts, OAUTH_CONSUMER_URL, type GarminRegion } from "./regions";
import { oauth1TokenSchema, oauth2TokenSchema, oauthConsumerSchema, type GarminOAuth2Token } from "./schemas";

// garth's way from a service ticket to tokens (garmin.md B3b): the ticket buys an OAuth 1.0a
// token (~1 year) at /oauth-service/oauth/preauthorized, and that token buys OAuth 2.0 tokens
// at /oauth-service/oauth/exchange/user/2.0, again whenever the OAuth 2.0 pair runs out. Both
// calls are signed with the Connect app's own consumer.

// The consumer belongs to the Android app; its requests must say they are that app.
const APP_USER_AGENT = "com.garmin.android.apps.connectmobile";
const LOGIN_AUDIENCE = "GARMIN_CONNECT_MOBILE_ANDROID_DI";

async function fetchConsumer(context: CredentialContext): Promise<ClientCredentials> {
  const response = await context.fetch(OAUTH_CONSUMER_URL);
  if (!response.ok)
    throw new AppError(
      "PROVIDER_UNAVAILABLE",
      `The Garmin app's OAuth consumer could not be fetched (HTTP ${response.status}).`,
    );
  const consumer = oauthConsumerSchema.parse(await readJson(response, "The Garmin OAuth consumer file"));
  return { clientId: consumer.consumer_key, clientSecret: consumer.consumer_secret };
}

/** Cloudflare in front of these endpoints answers scripts with 429/403 since 2026 (garmin.md B1). */
function isBlocked(status: number): boolean {
  return status === 429 || status === 403;
}

export interface GarthTokens {
  oauth1: OAuth1Token & { mfaToken?: string };
  oauth2: GarminOAuth2Token;
}

/** The ticket buys the OAuth 1.0a token; signed with the consumer alone. */
async function preauthorize(
  context: CredentialContext,
  region: GarminRegion,
  consumer: ClientCredentials,
  ticket: string,
): Promise<GarthTokens["oauth1"]> {
  const { connectApi, serviceUrl } = garminHosts(region);
  const query = new URLSearchParams({ ticket, "login-url": serviceUrl, "accepts-mfa-tokens": "true" });
  const url = `https://${connectApi}/oauth-service/oauth/preauthorized?${query}`;
  const response = await context.fetch(url, {
    headers: {
      authorization: signOAuth1(consumer, { method: "GET", url }),
      "user-agent": APP_USER_AGENT,
      accept: "*/*",
    },
  });
  if (isBlocked(response.status)) {
    await response.body?.cancel();
    throw new CredentialLoginError(
      "blocked",
      `Garmin's token service answered HTTP ${response.status}.`,
      response.status,
    );
  }
  // The URL carries the ticket: the message names the step, never the URL.
  if (!response.ok)
    throw new AppError("PROVIDER_UNAVAILABLE", `Garmin's OAuth 1.0a step answered HTTP ${response.status}.`);
  const parsed = oauth1TokenSchema.safeParse(Object.fromEntries(new URLSearchParams(await response.text())));
  if (!parsed.success) throw new AppError("PROVIDER_UNAVAILABLE", "Garmin's OAuth 1.0a step answered without a token.");
  return {
    key: parsed.data.oauth_token,
    secret: parsed.data.oauth_token_secret,
    mfaToken: parsed.data.mfa_token ?? undefined,
  };
}

/**
 * The OAuth 1.0a token buys an OAuth 2.0 pair. At sign-in the audience names the mobile app's DI
 * client; a refresh sends no audience, as garth does. A 401 means the OAuth 1.0a token is dead.
 */
export async function exchangeForOAuth2(
  context: CredentialContext,
  region: GarminRegion,
  oauth1: GarthTokens["oauth1"],
  options: { isLogin: boolean; consumer?: ClientCredentials },
): Promise<GarminOAuth2Token> {
  const consumer = options.consumer ?? (await fetchConsumer(context));
  const url = `https://${garminHosts(region).connectApi}/oauth-service/oauth/exchange/user/2.0`;
  const form: Record<string, string> = {
    ...(options.isLogin ? { audience: LOGIN_AUDIENCE } : {}),
    ...(oauth1.mfaToken ? { mfa_token: oauth1.mfaToken } : {}),
  };
  const response = await context.fetch(url, {
    method: "POST",
    headers: {
      authorization: signOAuth1(consumer, { method: "POST", url, form }, oauth1),
      "user-agent": APP_USER_AGENT,
      "content-type": "application/x-www-form-urlencoded",
    },
    body: new URLSearchParams(form),
  });
  if (isBlocked(response.status)) {
    await response.body?.cancel();
    throw new CredentialLoginError(
      "blocked",
      `Garmin's token exchange answered HTTP ${response.status}.`,
      response.status,
    );
  }
  if (response.status === 401 || response.status === 400) {
    await response.body?.cancel();
    throw new TokenGrantError("invalid_grant", "Garmin no longer accepts this OAuth 1.0a token.");
  }
  if (!response.ok)
    throw new TokenGrantError("server_error", `Garmin's token exchange answered HTTP ${response.status}.`);
  const parsed = oauth2TokenSchema.safeParse(await response.json().catch(() => null));
  if (!parsed.success)
    throw new TokenGrantError("malformed_response", "Garmin's token exchange answered without tokens.");
  return parsed.data;
}

/** Ticket to tokens, as at sign-in. */
export async function ticketToTokens(
  context: CredentialContext,
  region: GarminRegion,
  ticket: string,
): Promise<GarthTokens> {
  const consumer = await fetchConsumer(context);
  const oauth1 = await preauthorize(context, region, consumer, ticket);
  try {
    return { oauth1, oauth2: await exchangeForOAuth2(context, region, oauth1, { isLogin: true, consumer }) };
  } catch (error) {
    // Straight after the ticket, a refused exchange is Garmin's fault, not a dead grant.
    if (error instanceof TokenGrantError)
      throw new AppError("PROVIDER_UNAVAILABLE", `Garmin did not finish the sign-in: ${error.message}`);
    throw error;
  }
}

/** What we keep: the OAuth 2.0 pair does the work, the OAuth 1.0a token (in `extra`) renews it. */
export function toTokenSet(tokens: GarthTokens, extra: Record<string, string>, now = Date.now()): TokenSet {
  const { oauth1, oauth2 } = tokens;
  const expiresAt =
    oauth2.expires_at !== undefined
      ? new Date(oauth2.expires_at * 1000)
      : oauth2.expires_in !== undefined
        ? new Date(now + oauth2.expires_in * 1000)
        : undefined;
  return {
    accessToken: oauth2.access_token,
    refreshToken: oauth2.refresh_token,
    expiresAt,
    scopes: oauth2.scope ? oauth2.scope.split(" ").filter(Boolean) : [],
    extra: {
      ...extra,
      oauth1Token: oauth1.key,
      oauth1Secret: oauth1.secret,
      ...(oauth1.mfaToken ? { oauth1MfaToken: oauth1.mfaToken } : {}),
    },
  };
}

export function oauth1Of(tokens: TokenSet): GarthTokens["oauth1"] | undefined {
  const extra = tokens.extra ?? {};
  if (!extra.oauth1Token || !extra.oauth1Secret) return undefined;
  return { key: extra.oauth1Token, secret: extra.oauth1Secret, mfaToken: extra.oauth1MfaToken };
}
