import { createHash } from "node:crypto";
import { z } from "zod";
import { AppError, hasErrorCode } from "@/lib/errors";
import { TokenGrantError } from "@/lib/oauth/token-errors";
import { CredentialLoginError } from "../credential-errors";
import type { CredentialAuth, CredentialContext, CredentialRegion, LoginStep } from "../credential-types";
import { HUB_HEADERS, readHub, userHeader } from "./hub-api";
import { HUB_REGIONS, regionOfId } from "./regions";
import {
  accountDataSchema,
  envelopeSchema,
  HUB_LOGIN_ERROR,
  HUB_OK,
  HUB_TOKEN_REFUSED,
  loginDataSchema,
} from "./schemas";

// The web app's sign-in: the account (e-mail, or a phone number) and the MD5 of the password.
// The token has no announced life and ends when the person signs in elsewhere on the web
// (coros-connect); there is no refresh, only signing in again.

const md5 = (text: string) => createHash("md5").update(text).digest("hex");
const isPhoneNumber = (account: string) => /^\+?\d[\d\s-]{5,}$/.test(account.trim());

// coros-connect's token.txt: {"accessToken","userId"}, or the bare token in older versions.
const tokenFileSchema = z.union([
  z.object({ accessToken: z.string().min(1), userId: z.union([z.string(), z.number()]).transform(String).optional() }),
  z
    .string()
    .min(8)
    .transform((accessToken) => ({ accessToken, userId: undefined })),
]);

async function loginAt(context: CredentialContext, region: CredentialRegion, username: string, password: string) {
  const response = await context.fetch(`https://${HUB_REGIONS[region].host}/account/login`, {
    method: "POST",
    headers: { ...HUB_HEADERS, "content-type": "application/json" },
    body: JSON.stringify({
      account: username.trim(),
      accountType: isPhoneNumber(username) ? 1 : 2,
      pwd: md5(password),
    }),
  });
  if (response.status === 429 || response.status === 403) {
    await response.body?.cancel();
    throw new CredentialLoginError("blocked", `COROS's sign-in answered HTTP ${response.status}.`, response.status);
  }
  const envelope = envelopeSchema.parse(await response.json().catch(() => ({ result: `HTTP ${response.status}` })));
  if (envelope.result === HUB_LOGIN_ERROR)
    throw new CredentialLoginError("invalid_credentials", "COROS did not accept the account or password.");
  if (envelope.result !== HUB_OK)
    throw new AppError(
      "PROVIDER_UNAVAILABLE",
      `COROS's sign-in answered result ${envelope.result}: ${envelope.message ?? ""}`.trim(),
    );
  return loginDataSchema.parse(envelope.data);
}

export function corosHubAuth(region: CredentialRegion): CredentialAuth {
  return {
    // No expiry is announced: tokens are used until COROS refuses them (result 1019/1001).
    refreshMarginMinutes: 0,
    tokenFiles: ["token.txt"],
    tokenFileHint:
      "Sign in on your own computer with coros-connect and save its token (exportTokenToFile); it ends when you next sign in on the web.",
    isAccessTokenRefused: (_status, body) => {
      const parsed = envelopeSchema.safeParse(body);
      return parsed.success && HUB_TOKEN_REFUSED.has(parsed.data.result);
    },
    authorizationHeader: (token) => ["accesstoken", token],

    async login(context, login): Promise<LoginStep> {
      const data = await loginAt(context, region, login.username, login.password);
      return {
        kind: "linked",
        tokens: { accessToken: data.accessToken, scopes: [] },
        identity: { externalUserId: data.userId, displayName: data.nickname ?? undefined },
        homeRegion: regionOfId(data.regionId),
      };
    },

    async importTokens(context, files) {
      const [name, content] = Object.entries(files).find(([key]) => key.endsWith("token.txt")) ?? [];
      const parsed = tokenFileSchema.safeParse(content);
      if (!name || !parsed.success)
        throw new CredentialLoginError(
          "rejected_tokens",
          "files: token.txt (as coros-connect saves it) is missing or unreadable.",
        );
      const { accessToken, userId } = parsed.data;
      const response = await context.fetch(`https://${HUB_REGIONS[region].host}/account/query`, {
        headers: { ...HUB_HEADERS, ...(userId ? userHeader(userId) : {}) },
        accessToken,
      });
      try {
        const account = accountDataSchema.parse(await readHub(response, "account"));
        return {
          kind: "linked",
          tokens: { accessToken, scopes: [] },
          identity: { externalUserId: account.userId, displayName: account.nickname ?? undefined },
        };
      } catch (error) {
        if (hasErrorCode(error, "PROVIDER_AUTH_EXPIRED"))
          throw new CredentialLoginError(
            "rejected_tokens",
            "COROS does not accept this token (it ends when you sign in on the web again).",
          );
        throw error;
      }
    },

    async refresh() {
      throw new TokenGrantError("invalid_grant", "COROS tokens cannot be renewed without signing in again.");
    },
  };
}
