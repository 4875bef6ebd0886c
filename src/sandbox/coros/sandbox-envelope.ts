import { sandboxAccount } from "@/sandbox/accounts";
import type { OAuthErrorCode } from "@/sandbox/oauth2-server";
import type { SandboxRequest } from "@/sandbox/types";

export const HOST = "open.coros.com";

// COROS documents "0000" and nothing else; these failure codes are the ones integrators'
// code shows (meanings unconfirmed). Our client treats every non-0000 code alike.
const RESULT_CODES: Record<OAuthErrorCode | "invalid_token", string> = {
  invalid_token: "1001",
  invalid_grant: "1001",
  invalid_client: "1002",
  invalid_request: "1003",
  unsupported_grant_type: "1003",
};

/** Every COROS failure is HTTP 200 with a result code and message. */
export const corosError = (code: keyof typeof RESULT_CODES, message: string) =>
  Response.json({ result: RESULT_CODES[code], message });
export const corosOk = (data?: unknown) =>
  Response.json({ result: "0000", message: "OK", ...(data === undefined ? {} : { data }) });

/** 32 hex characters, the length limit the V2.1.1 reference gives for openId. */
export const corosOpenId = (login: string) => sandboxAccount("coros", login).uuid.replaceAll("-", "");

/**
 * A data call's token and openId, both in the query: the account, or COROS's refusal. An
 * access token past its 30 days gets result 1001 on HTTP 200 like an unknown one, never a 401;
 * /oauth2/refresh-token gives it 30 more days.
 */
export function authenticateDataCall(request: SandboxRequest): string | Response {
  const query = request.url.searchParams;
  const issued = request.state.accessTokens.get(query.get("token") ?? "");
  if (issued?.provider === "coros" && issued.expiresAt !== null && issued.expiresAt < Date.now())
    return corosError("invalid_token", "The access token has expired.");
  const account = accountOf(request, query.get("token"));
  if (!account || query.get("openId") !== corosOpenId(account))
    return corosError("invalid_token", "The token or openId is invalid.");
  return account;
}

/** The account behind an access token, as authenticateBearer finds it, from wherever COROS reads it. */
export function accountOf(request: SandboxRequest, token: string | null, options: { allowExpired?: boolean } = {}) {
  const issued = request.state.accessTokens.get(token ?? "");
  if (!issued || issued.provider !== "coros") return undefined;
  if (!options.allowExpired && issued.expiresAt !== null && issued.expiresAt < Date.now()) return undefined;
  return issued.account;
}
