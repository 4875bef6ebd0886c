import { parseTokenBody } from "@/lib/oauth/token-errors";
import { expiresInToDate } from "@/lib/oauth/oauth2-client";
import type { OAuth2Spec } from "../types";
import { whoopTokenSchema } from "./schemas";

// `offline` is WHOOP's switch for refresh tokens: without it every access token dies after an
// hour and the person has to sign in again. The read scopes cover what the product shows.
export const WHOOP_SCOPES = [
  "offline",
  "read:recovery",
  "read:cycles",
  "read:workout",
  "read:sleep",
  "read:profile",
  "read:body_measurement",
] as const;

export const whoopOAuth: OAuth2Spec = {
  kind: "oauth2",
  authorizeUrl: "https://api.prod.whoop.com/oauth/oauth2/auth",
  tokenUrl: "https://api.prod.whoop.com/oauth/oauth2/token",
  scopes: WHOOP_SCOPES,
  scopeSeparator: " ",
  // WHOOP's tutorials put client_id and client_secret in the form body; Basic is undocumented.
  clientAuth: "body",
  credentialCheck: {
    verdict: "reliable",
    answers:
      "RFC 6749 errors from WHOOP's OAuth server (as integrators report them): invalid_client for a wrong client id or secret, invalid_grant for the right ones with a made-up code.",
  },
  // PKCE is documented nowhere by WHOOP; integrations use the plain confidential-client flow.
  pkce: false,
  // WHOOP's refresh tutorial sends scope=offline: it is what gets the next refresh token.
  refreshParams: { scope: "offline" },
  // Without `offline` the connection dies within the hour; without `read:profile` there is no
  // user_id, so no stable identity to attach the connection to.
  requiredScopes: ["offline", "read:profile"],
  parseTokenResponse(body) {
    const token = parseTokenBody(whoopTokenSchema, body, "WHOOP");
    return {
      accessToken: token.access_token,
      // Rotates on every refresh: the old one stops working, so the newest must be stored.
      refreshToken: token.refresh_token,
      expiresAt: expiresInToDate(token.expires_in),
      // Empty means "not in the reply": the callback's `scope` (or the stored grant on refresh) fills it in.
      scopes: token.scope?.split(" ").filter(Boolean) ?? [],
    };
  },
};
