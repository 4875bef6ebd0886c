import { TokenGrantError, parseTokenBody } from "@/lib/oauth/token-errors";
import type { OAuth2Spec } from "../types";
import { stravaErrorSchema, stravaTokenSchema } from "./schemas";

// activity:write: forwarding uploads files to Strava (forwarding/); without it a rule to Strava fails and says so.
export const STRAVA_SCOPES = ["read", "activity:read_all", "activity:write", "profile:read_all"] as const;

export const stravaOAuth: OAuth2Spec = {
  kind: "oauth2",
  authorizeUrl: "https://www.strava.com/oauth/authorize",
  tokenUrl: "https://www.strava.com/oauth/token",
  scopes: STRAVA_SCOPES,
  // Space-separated scopes are rejected by Strava (a classic generic-OAuth-library pitfall).
  scopeSeparator: ",",
  // HTTP Basic alone is rejected: the secret goes in the form body.
  clientAuth: "body",
  credentialCheck: {
    verdict: "reliable",
    answers:
      'A wrong client id or secret: 400 with an "Application" error naming client_id or client_secret. The right ones with a made-up code: 400 with an "AuthorizationCode" error on code.',
  },
  pkce: false,
  authorizeParams: { approval_prompt: "auto" },
  // People can untick boxes on Strava's consent page; without activity access there is nothing to sync.
  requiredScopes: [["activity:read", "activity:read_all"]],
  parseTokenResponse(body) {
    const token = parseTokenBody(stravaTokenSchema, body, "Strava");
    return {
      accessToken: token.access_token,
      // Strava may hand back a different refresh token on refresh: always keep the newest.
      refreshToken: token.refresh_token,
      expiresAt: new Date(token.expires_at * 1000),
      // The token reply carries no scope; the callback's `scope` parameter fills it in.
      scopes: [],
      externalUserId: token.athlete ? String(token.athlete.id) : undefined,
    };
  },
  parseTokenError(status, body) {
    // {"message":"Bad Request","errors":[{"resource":"RefreshToken","field":"refresh_token","code":"invalid"}]}
    const parsed = stravaErrorSchema.safeParse(body);
    if (!parsed.success) return undefined;
    const deadGrant = parsed.data.errors.find(
      (error) => ["RefreshToken", "AuthorizationCode"].includes(error.resource) && error.code === "invalid",
    );
    if (deadGrant)
      return new TokenGrantError("invalid_grant", `Strava: ${deadGrant.resource} ${deadGrant.field} is invalid`);
    const badClient = parsed.data.errors.find((error) => error.resource === "Application");
    if (badClient)
      return new TokenGrantError("invalid_client", `Strava: Application ${badClient.field} is ${badClient.code}`);
    return new TokenGrantError(status >= 500 ? "server_error" : "invalid_request", `Strava: ${parsed.data.message}`);
  },
};
