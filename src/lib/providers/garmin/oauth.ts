import { expiresInToDate } from "@/lib/oauth/oauth2-client";
import { parseTokenBody } from "@/lib/oauth/token-errors";
import type { OAuth2Spec } from "../types";
import { garminTokenSchema } from "./schemas";

export const garminOAuth: OAuth2Spec = {
  kind: "oauth2",
  authorizeUrl: "https://connect.garmin.com/oauth2Confirm",
  tokenUrl: "https://diauth.garmin.com/di-oauth2-service/oauth/token",
  // No scope parameter: the data an app may read is set in Garmin's API Configuration
  // tool, and the person toggles it on the consent page.
  scopes: [],
  scopeSeparator: " ",
  // client_id and client_secret go in the form body, next to code_verifier.
  clientAuth: "body",
  credentialCheck: {
    verdict: "unconfirmed",
    answers:
      "Garmin documents no token-endpoint errors. Read as RFC 6749: invalid_client (or a 401) means a wrong client id or secret, invalid_grant means they are right and only the made-up code was refused.",
  },
  pkce: true,
  // Garmin asks partners to treat the access token as expired 600 s early.
  refreshMarginMinutes: 10,
  parseTokenResponse(body) {
    const token = parseTokenBody(garminTokenSchema, body, "Garmin");
    return {
      accessToken: token.access_token,
      refreshToken: token.refresh_token,
      expiresAt: expiresInToDate(token.expires_in),
      scopes: token.scope?.split(" ").filter(Boolean) ?? [],
    };
  },
};
