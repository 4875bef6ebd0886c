import { parseTokenBody } from "@/lib/oauth/token-errors";
import { expiresInToDate } from "@/lib/oauth/oauth2-client";
import type { OAuth2Spec } from "../types";
import { ouraTokenSchema } from "./schemas";

// daily: sleep, readiness, activity and the sleep periods that carry HRV; heartrate: the time
// series; workout: workouts; personal: age, sex, height and weight. No `email`: we never use it.
export const OURA_SCOPES = ["daily", "heartrate", "workout", "personal"] as const;

export const ouraOAuth: OAuth2Spec = {
  kind: "oauth2",
  authorizeUrl: "https://cloud.ouraring.com/oauth/authorize",
  tokenUrl: "https://api.ouraring.com/oauth/token",
  scopes: OURA_SCOPES,
  scopeSeparator: " ",
  // Every Oura example and client library sends the secret in the form body; Basic is undocumented.
  clientAuth: "body",
  credentialCheck: {
    verdict: "reliable",
    answers:
      "RFC 6749 errors, as Oura's docs say: invalid_client for a wrong client id or secret, invalid_grant for the right ones with a made-up code.",
  },
  // PKCE is documented nowhere by Oura; integrations use the plain confidential-client flow.
  pkce: false,
  // People can untick scopes on Oura's consent page. Without `daily` there is no sleep,
  // readiness, activity or HRV left, so nothing worth syncing; the others are optional extras.
  requiredScopes: ["daily"],
  parseTokenResponse(body) {
    const token = parseTokenBody(ouraTokenSchema, body, "Oura");
    return {
      accessToken: token.access_token,
      refreshToken: token.refresh_token,
      expiresAt: expiresInToDate(token.expires_in),
      // Empty means "not in the reply": the callback's `scope` (or the stored grant on refresh) fills it in.
      scopes: token.scope?.split(" ").filter(Boolean) ?? [],
    };
  },
};
