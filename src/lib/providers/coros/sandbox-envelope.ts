import { sandboxAccount } from "@/lib/sandbox/accounts";
import type { OAuthErrorCode } from "@/lib/sandbox/oauth2-server";
import type { SandboxRequest } from "@/lib/sandbox/types";

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
export const corosError = (code: keyof typeof RESULT_CODES, message: string) => Response.json({ result: RESULT_CODES[code], message });
export const corosOk = (data?: unknown) => Response.json({ result: "0000", message: "OK", ...(data === undefined ? {} : { data }) });

/** 32 hex characters, the length limit the V2.1.1 reference gives for openId. */
export const corosOpenId = (login: string) => sandboxAccount("coros", login).uuid.replaceAll("-", "");

/** The account behind an access token, as authenticateBearer finds it, from wherever COROS reads it. */
export function accountOf(request: SandboxRequest, token: string | null, options: { allowExpired?: boolean } = {}) {
  const issued = request.state.accessTokens.get(token ?? "");
  if (!issued || issued.provider !== "coros") return undefined;
  if (!options.allowExpired && issued.expiresAt !== null && issued.expiresAt < Date.now()) return undefined;
  return issued.account;
}
