import { AppError } from "@/lib/errors";
import { oauth1Fetch } from "@/lib/oauth/oauth1-client";
import { consumerEnvNames, resolveOAuth1Route } from "../routing";
import type { OAuth1Spec, ProviderContext, TokenSet } from "../types";

// Garmin's OAuth 1.0a, retired by Garmin on 2026-12-31. Tokens never expire; every API
// call is HMAC-SHA1-signed with the consumer secret and the user's token secret.
export const garminOAuth1: OAuth1Spec = {
  kind: "oauth1",
  requestTokenUrl: "https://connectapi.garmin.com/oauth-service/oauth/request_token",
  authorizeUrl: "https://connect.garmin.com/oauthConfirm",
  accessTokenUrl: "https://connectapi.garmin.com/oauth-service/oauth/access_token",
};

/**
 * A request on the person's behalf: Bearer for OAuth 2.0 tokens, signed for OAuth 1.0a ones.
 * The consumer comes from the OAuth 1.0a route, not context.credentials: disconnect and sync
 * hand over the OAuth 2.0 context, whose client id need not be the consumer key.
 */
export function garminUserFetch(
  context: ProviderContext,
  tokens: TokenSet,
  realUrl: string,
  method = "GET",
): Promise<Response> {
  if (!tokens.tokenSecret) return context.fetch(realUrl, { method, accessToken: tokens.accessToken });
  const route = resolveOAuth1Route("garmin");
  if (route.mode === "not_configured") {
    const names = consumerEnvNames("garmin");
    throw new AppError(
      "PROVIDER_UNAVAILABLE",
      `Garmin's OAuth 1.0a sign-in is not configured: set ${names.consumerKey} and ${names.consumerSecret}.`,
    );
  }
  return oauth1Fetch(context, route.credentials, { key: tokens.accessToken, secret: tokens.tokenSecret }, realUrl, {
    method,
  });
}
