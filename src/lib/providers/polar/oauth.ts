import { expiresInToDate } from "@/lib/oauth/oauth2-client";
import { parseTokenBody } from "@/lib/oauth/token-errors";
import type { OAuth2Spec } from "../types";
import { polarTokenSchema } from "./schemas";

// AccessLink has exactly one scope.
export const POLAR_SCOPES = ["accesslink.read_all"] as const;

export const polarOAuth: OAuth2Spec = {
  kind: "oauth2",
  authorizeUrl: "https://flow.polar.com/oauth2/authorization",
  tokenUrl: "https://polarremote.com/v2/oauth2/token",
  scopes: POLAR_SCOPES,
  scopeSeparator: " ",
  // Polar's example client and every working integration authenticate with HTTP Basic.
  clientAuth: "basic",
  credentialCheck: {
    verdict: "reliable",
    answers:
      "Polar documents neither, but integrators see invalid_client for a wrong client id or secret (HTTP Basic) and invalid_grant for a code it never issued.",
  },
  // Not documented by Polar, and its own example client does not use it.
  pkce: false,
  parseTokenResponse(body) {
    const token = parseTokenBody(polarTokenSchema, body, "Polar");
    return {
      accessToken: token.access_token,
      // No refresh token exists: once this token stops working the person must reconnect.
      expiresAt: expiresInToDate(token.expires_in),
      // The reply carries no scope; the connect flow fills in the one scope we asked for.
      scopes: [],
      externalUserId: String(token.x_user_id),
    };
  },
};
