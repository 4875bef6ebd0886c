import { expiresInToDate } from "@/lib/oauth/oauth2-client";
import { TokenGrantError, parseTokenBody } from "@/lib/oauth/token-errors";
import type { OAuth2Spec, TokenSet } from "../types";
import { COROS_INVALID_TOKEN, COROS_OK, corosResultSchema, corosTokenSchema } from "./schemas";

/**
 * COROS defines no OAuth scopes: a person grants whatever our partner application was
 * approved for, all or nothing. Connections record that one grant under this name.
 */
export const COROS_GRANT = "coros:partner_api";

/** The reference's expires_in: an access token lives 30 days, and each refresh gives it 30 more. */
const TOKEN_LIFETIME_SECONDS = 2_592_000;

const hasToken = (body: unknown) =>
  typeof body === "object" && body !== null && ("access_token" in body || "accessToken" in body);

export const corosOAuth: OAuth2Spec = {
  kind: "oauth2",
  authorizeUrl: "https://open.coros.com/oauth2/authorize",
  tokenUrl: "https://open.coros.com/oauth2/accesstoken",
  refreshUrl: "https://open.coros.com/oauth2/refresh-token",
  // The authorize request takes client_id, redirect_uri, response_type and state, nothing else.
  scopes: [],
  scopeSeparator: " ",
  // client_id and client_secret go in the form body, not HTTP Basic.
  clientAuth: "body",
  credentialCheck: {
    verdict: "none",
    answers:
      "COROS answers every refusal with HTTP 200 and a result code it does not document, so a wrong secret and a made-up code look alike. Connecting an account is the only test.",
  },
  pkce: false,
  // Tokens last 30 days and a refresh merely extends them: a day in hand costs nothing.
  refreshMarginMinutes: 24 * 60,
  tokenLifetimeSeconds: TOKEN_LIFETIME_SECONDS,
  // Data calls answer an expired or revoked token with HTTP 200 and result 1001, never 401.
  isAccessTokenRefused: (_status, body) => corosResultSchema.safeParse(body).data?.result === COROS_INVALID_TOKEN,
  parseTokenResponse(body, context): TokenSet {
    const envelope = corosResultSchema.safeParse(body);
    if (envelope.success && envelope.data.result !== COROS_OK) {
      // COROS documents no failure vocabulary besides "not 0000" (an expired code, a dead
      // refresh token and a revoked binding look alike), so every refusal is a dead grant.
      const { result, message } = envelope.data;
      throw new TokenGrantError(
        "invalid_grant",
        `COROS token endpoint answered result ${result}${message ? `: ${message}` : ""}`,
      );
    }
    if (envelope.success && !hasToken(body) && context.grant === "refresh_token" && context.current) {
      // /oauth2/refresh-token's documented success: the same access token lives 30 more days.
      return { ...context.current, expiresAt: expiresInToDate(TOKEN_LIFETIME_SECONDS) };
    }
    if (envelope.success && !hasToken(body)) {
      // /oauth2/refresh-token's documented success: the current access token now lives 30 more
      // days and nothing is sent back. Never let that become an empty stored token.
      throw new TokenGrantError(
        "malformed_response",
        "COROS extended the access token (result 0000) but its reply carries no token to store",
      );
    }
    const token = parseTokenBody(corosTokenSchema, body, "COROS");
    return {
      accessToken: token.access_token,
      // Never expires and does not rotate; the same one keeps working.
      refreshToken: token.refresh_token,
      expiresAt: expiresInToDate(token.expires_in),
      scopes: [COROS_GRANT],
      externalUserId: token.openId,
    };
  },
};
