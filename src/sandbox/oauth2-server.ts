import { createHash } from "node:crypto";
import { renderAuthorizePage } from "./authorize-page";
import type { IssuedToken, SandboxState } from "./state";
import type { SandboxRequest, SandboxRoute } from "./types";

// A small OAuth 2.0 authorization server that each sandboxed provider configures to behave
// like the real one: where the client secret goes, PKCE, token lifetimes, refresh rotation,
// and the exact JSON of its token replies and errors.

export type OAuthErrorCode = "invalid_request" | "invalid_client" | "invalid_grant" | "unsupported_grant_type";

export interface IssuedTokens {
  grant: "authorization_code" | "refresh_token";
  accessToken: string;
  refreshToken?: string;
  expiresIn: number | null;
  scopes: string[];
  account: string;
}

export interface OAuth2ServerOptions {
  provider: string;
  providerName: string;
  authorize: { host: string; path: string };
  token: { host: string; path: string };
  clientAuth: "body" | "basic";
  pkce: "required" | "none";
  scopeSeparator: " " | ",";
  /** Put the granted scope in the redirect, as Strava and Oura do. */
  isScopeInRedirect?: boolean;
  accessTokenTtlSeconds: number | null;
  /**
   * rotate: every refresh returns a new refresh token and the old one stops working.
   * reuse: the same refresh token keeps working (COROS extends the same token).
   * none: no refresh tokens at all (Polar).
   */
  refresh: "rotate" | "reuse" | "none";
  /** WHOOP only issues a refresh token when `offline` was granted. */
  issuesRefreshToken?: (scopes: string[]) => boolean;
  /** The provider's token JSON. */
  tokenBody(issued: IssuedTokens, request: SandboxRequest): Record<string, unknown>;
  /** The provider's error reply; defaults to RFC 6749 JSON with 400/401. */
  errorResponse?(code: OAuthErrorCode, description: string): Response;
}

export function oauthError(code: OAuthErrorCode, description: string): Response {
  return Response.json(
    { error: code, error_description: description },
    { status: code === "invalid_client" ? 401 : 400 },
  );
}

async function readForm(request: Request): Promise<URLSearchParams> {
  const type = request.headers.get("content-type") ?? "";
  if (type.includes("application/json")) {
    const body = (await request.json()) as Record<string, unknown>;
    return new URLSearchParams(Object.entries(body).map(([key, value]) => [key, String(value)]));
  }
  return new URLSearchParams(await request.text());
}

/** invalid_client descriptions, so a provider's errorResponse can word the two as it does. */
export const UNKNOWN_CLIENT = "Unknown client_id.";
export const WRONG_SECRET = "Client authentication failed.";

// Client authentication comes before the grant is looked at, as RFC 6749 §5.2 and the real
// providers have it: a wrong secret with a made-up code is invalid_client, the right secret
// with one is invalid_grant. Settings → Provider apps' "Test credentials" relies on this.
function authenticateClient(
  request: Request,
  form: URLSearchParams,
  options: OAuth2ServerOptions,
  state: SandboxState,
): { clientId: string } | { refusal: string } {
  let clientId: string | null;
  let clientSecret: string | null;
  if (options.clientAuth === "basic") {
    const header = request.headers.get("authorization") ?? "";
    if (!header.startsWith("Basic ")) return { refusal: WRONG_SECRET };
    const decoded = Buffer.from(header.slice(6), "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    clientId = decodeURIComponent(decoded.slice(0, colon));
    clientSecret = decodeURIComponent(decoded.slice(colon + 1));
  } else {
    clientId = form.get("client_id");
    clientSecret = form.get("client_secret");
  }
  if (!clientId || state.clientSecretOf(options.provider, clientId) === undefined) return { refusal: UNKNOWN_CLIENT };
  if (!state.isClient(options.provider, clientId, clientSecret)) return { refusal: WRONG_SECRET };
  return { clientId };
}

export function createOAuth2Server(options: OAuth2ServerOptions): SandboxRoute[] {
  const fail = options.errorResponse ?? oauthError;

  function validateAuthorizeQuery(query: URLSearchParams, state: SandboxState): string | null {
    if (query.get("response_type") !== "code") return "response_type must be code";
    if (state.clientSecretOf(options.provider, query.get("client_id") ?? "") === undefined) return "unknown client_id";
    if (!query.get("redirect_uri")) return "redirect_uri is required";
    if (
      options.pkce === "required" &&
      (!query.get("code_challenge") || query.get("code_challenge_method") !== "S256")
    ) {
      return "code_challenge with code_challenge_method=S256 is required";
    }
    return null;
  }

  function issueTokens(
    request: SandboxRequest,
    grant: IssuedTokens["grant"],
    clientId: string,
    account: string,
    scopes: string[],
    refreshToken?: string,
  ): Response {
    const { state } = request;
    const accessToken = state.issue(`${options.provider}_at`);
    const ttl = options.accessTokenTtlSeconds;
    const issued: IssuedToken = {
      provider: options.provider,
      clientId,
      account,
      scopes,
      expiresAt: ttl === null ? null : Date.now() + ttl * 1000,
    };
    state.accessTokens.set(accessToken, issued);
    let nextRefresh: string | undefined;
    const wantsRefresh = options.refresh !== "none" && (options.issuesRefreshToken?.(scopes) ?? true);
    if (wantsRefresh) {
      nextRefresh = options.refresh === "reuse" && refreshToken ? refreshToken : state.issue(`${options.provider}_rt`);
      state.refreshTokens.set(nextRefresh, { provider: options.provider, account, scopes, isUsed: false });
    }
    const body = options.tokenBody(
      { grant, accessToken, refreshToken: nextRefresh, expiresIn: ttl, scopes, account },
      request,
    );
    return Response.json(body, { headers: { "cache-control": "no-store" } });
  }

  const showConsent = (request: SandboxRequest) => {
    const problem = validateAuthorizeQuery(request.url.searchParams, request.state);
    if (problem) return new Response(`Invalid authorization request: ${problem}`, { status: 400 });
    const scopes = (request.url.searchParams.get("scope") ?? "").split(options.scopeSeparator).filter(Boolean);
    return renderAuthorizePage({
      providerName: options.providerName,
      scopes,
      formAction: `${request.mountUrl}/${options.authorize.host}${options.authorize.path}${request.url.search}`,
      hiddenFields: {},
    });
  };

  const decide = async (request: SandboxRequest) => {
    const query = request.url.searchParams;
    const problem = validateAuthorizeQuery(query, request.state);
    if (problem) return new Response(`Invalid authorization request: ${problem}`, { status: 400 });
    const form = await readForm(request.request);
    const redirect = new URL(query.get("redirect_uri")!);
    const stateParam = query.get("state");
    if (form.get("decision") !== "approve") {
      redirect.searchParams.set("error", "access_denied");
      redirect.searchParams.set("error_description", "The user denied access.");
    } else {
      const requested = (query.get("scope") ?? "").split(options.scopeSeparator).filter(Boolean);
      // A person may untick scopes on a real consent page; tests send `granted_scope` for that.
      const granted = form.has("granted_scope")
        ? form.get("granted_scope")!.split(options.scopeSeparator).filter(Boolean)
        : requested;
      const code = request.state.issue(`${options.provider}_code`);
      request.state.codes.set(code, {
        provider: options.provider,
        clientId: query.get("client_id")!,
        redirectUri: query.get("redirect_uri"),
        scopes: granted,
        account: (form.get("account") ?? "athlete").trim() || "athlete",
        codeChallenge: query.get("code_challenge") ?? undefined,
        expiresAt: Date.now() + 10 * 60_000,
      });
      redirect.searchParams.set("code", code);
      if (options.isScopeInRedirect) redirect.searchParams.set("scope", granted.join(options.scopeSeparator));
    }
    if (stateParam !== null) redirect.searchParams.set("state", stateParam);
    return new Response(null, { status: 302, headers: { location: redirect.toString() } });
  };

  const token = async (request: SandboxRequest) => {
    const form = await readForm(request.request);
    const grant = form.get("grant_type");
    request.state.record({
      provider: options.provider,
      method: "POST",
      path: options.token.path,
      grant: grant ?? undefined,
    });
    const client = authenticateClient(request.request, form, options, request.state);
    if ("refusal" in client) return fail("invalid_client", client.refusal);

    if (grant === "authorization_code") {
      const code = form.get("code") ?? "";
      const issued = request.state.codes.get(code);
      request.state.codes.delete(code);
      if (
        !issued ||
        issued.provider !== options.provider ||
        issued.clientId !== client.clientId ||
        issued.expiresAt < Date.now()
      )
        return fail("invalid_grant", "The authorization code is invalid or expired.");
      if (issued.redirectUri && form.get("redirect_uri") !== issued.redirectUri)
        return fail("invalid_grant", "redirect_uri does not match.");
      if (issued.codeChallenge) {
        const verifier = form.get("code_verifier") ?? "";
        const challenge = createHash("sha256").update(verifier).digest("base64url");
        if (challenge !== issued.codeChallenge) return fail("invalid_grant", "PKCE verification failed.");
      }
      return issueTokens(request, "authorization_code", client.clientId, issued.account, issued.scopes);
    }

    if (grant === "refresh_token" && options.refresh !== "none") {
      const refreshToken = form.get("refresh_token") ?? "";
      const issued = request.state.refreshTokens.get(refreshToken);
      if (!issued || issued.provider !== options.provider || issued.isUsed)
        return fail("invalid_grant", "The refresh token is invalid, expired or already used.");
      if (options.refresh === "rotate") {
        issued.isUsed = true;
        request.state.refreshTokens.delete(refreshToken);
      }
      return issueTokens(request, "refresh_token", client.clientId, issued.account, issued.scopes, refreshToken);
    }
    return fail("unsupported_grant_type", `grant_type ${grant ?? "(missing)"} is not supported.`);
  };

  return [
    { method: "GET", host: options.authorize.host, path: options.authorize.path, handle: showConsent },
    { method: "POST", host: options.authorize.host, path: options.authorize.path, handle: decide },
    { method: "POST", host: options.token.host, path: options.token.path, handle: token },
  ];
}

/** The account behind a Bearer token, or the provider's 401. */
export function authenticateBearer(
  request: SandboxRequest,
  provider: string,
  unauthorized: () => Response = () => Response.json({ error: "unauthorized" }, { status: 401 }),
): { account: string; scopes: string[]; accessToken: string; clientId?: string } | Response {
  const header = request.request.headers.get("authorization") ?? "";
  const accessToken = header.startsWith("Bearer ") ? header.slice(7) : "";
  const issued = request.state.accessTokens.get(accessToken);
  if (!issued || issued.provider !== provider || (issued.expiresAt !== null && issued.expiresAt < Date.now()))
    return unauthorized();
  return { account: issued.account, scopes: issued.scopes, accessToken, clientId: issued.clientId };
}
