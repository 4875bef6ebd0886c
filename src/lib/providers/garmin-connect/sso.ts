import { z } from "zod";
import { AppError } from "@/lib/errors";
import { CredentialLoginError } from "../credential-errors";
import type { CredentialContext, CredentialLogin } from "../credential-types";
import { CookieJar } from "./cookie-jar";
import { garminHosts, type GarminRegion } from "./regions";
import { ssoReplySchema } from "./schemas";

// Garmin's mobile SSO as the Connect app (and garth ≥ 0.5) signs in: prime the session cookie,
// POST the credentials as JSON, and on MFA_REQUIRED POST the code to verifyCode in the same
// session. Either ends with a CAS service ticket (ST-…) that the OAuth step turns into tokens.

const CLIENT_ID = "GCM_ANDROID_DARK";
// The SSO pages run in the app's WebView: a browser-shaped request, not an HTTP library's.
const BROWSER_HEADERS = {
  "user-agent":
    "Mozilla/5.0 (Linux; Android 14; Pixel 8 Pro) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36",
  "accept-language": "en-US,en;q=0.9",
};

export type SsoResult =
  { kind: "ticket"; ticket: string } | { kind: "mfa_required"; method: string; pending: MfaPending };

/** What the code step needs, sealed with the challenge for up to ten minutes. */
export const mfaPendingSchema = z.object({ cookies: z.record(z.string(), z.string()), method: z.string() });
export type MfaPending = z.infer<typeof mfaPendingSchema>;

function loginQuery(region: GarminRegion): string {
  const { serviceUrl } = garminHosts(region);
  return new URLSearchParams({ clientId: CLIENT_ID, locale: "en-US", service: serviceUrl }).toString();
}

/** 429 and 403 are Cloudflare in front of the SSO (2026): a block of scripts, not a wrong password. */
function blockedBy(status: number): CredentialLoginError {
  return new CredentialLoginError(
    "blocked",
    `Garmin's sign-in answered HTTP ${status}: it refuses automated sign-ins from this server for now.`,
    status,
  );
}

async function readSsoReply(response: Response, what: string) {
  if (response.status === 429 || response.status === 403) {
    await response.body?.cancel();
    throw blockedBy(response.status);
  }
  const body: unknown = await response.json().catch(() => undefined);
  const parsed = ssoReplySchema.safeParse(body);
  if (!parsed.success)
    throw new AppError(
      "PROVIDER_UNAVAILABLE",
      `Garmin ${what} answered HTTP ${response.status} without its JSON reply.`,
    );
  // A 429 can also come inside a 200 body.
  if (parsed.data.error?.["status-code"] === "429") throw blockedBy(429);
  return parsed.data;
}

export async function signIn(
  context: CredentialContext,
  region: GarminRegion,
  login: CredentialLogin,
): Promise<SsoResult> {
  const { sso } = garminHosts(region);
  const jar = new CookieJar();
  const primed = await context.fetch(`https://${sso}/mobile/sso/en/sign-in?clientId=${CLIENT_ID}`, {
    headers: { ...BROWSER_HEADERS, accept: "text/html" },
  });
  if (primed.status === 429 || primed.status === 403) throw blockedBy(primed.status);
  jar.collect(primed);
  await primed.body?.cancel();

  const response = await context.fetch(`https://${sso}/mobile/api/login?${loginQuery(region)}`, {
    method: "POST",
    headers: { ...BROWSER_HEADERS, ...jar.header(), "content-type": "application/json", origin: `https://${sso}` },
    body: JSON.stringify({ username: login.username, password: login.password, rememberMe: false, captchaToken: "" }),
  });
  jar.collect(response);
  const reply = await readSsoReply(response, "sign-in");
  const type = reply.responseStatus?.type;
  if (type === "SUCCESSFUL" && reply.serviceTicketId) return { kind: "ticket", ticket: reply.serviceTicketId };
  if (type === "MFA_REQUIRED") {
    const method = reply.customerMfaInfo?.mfaLastMethodUsed ?? "email";
    return { kind: "mfa_required", method, pending: { cookies: jar.toJSON(), method } };
  }
  if (type === "INVALID_USERNAME_PASSWORD")
    throw new CredentialLoginError("invalid_credentials", "Garmin did not accept the username or password.");
  // A captcha is the bot check in another form: the person can only get past it in a browser.
  if (type === "CAPTCHA_REQUIRED") throw blockedBy(403);
  throw new AppError("PROVIDER_UNAVAILABLE", `Garmin sign-in answered ${type ?? `HTTP ${response.status}`}.`);
}

/** The code the person typed, in the session the sign-in opened. */
export async function verifyMfaCode(
  context: CredentialContext,
  region: GarminRegion,
  pending: MfaPending,
  code: string,
): Promise<string> {
  const { sso } = garminHosts(region);
  const jar = new CookieJar(pending.cookies);
  const response = await context.fetch(`https://${sso}/mobile/api/mfa/verifyCode?${loginQuery(region)}`, {
    method: "POST",
    headers: { ...BROWSER_HEADERS, ...jar.header(), "content-type": "application/json", origin: `https://${sso}` },
    body: JSON.stringify({
      mfaMethod: pending.method,
      mfaVerificationCode: code,
      rememberMyBrowser: false,
      reconsentList: [],
      mfaSetup: false,
    }),
  });
  const reply = await readSsoReply(response, "verification");
  if (reply.responseStatus?.type === "SUCCESSFUL" && reply.serviceTicketId) return reply.serviceTicketId;
  throw new CredentialLoginError("invalid_code", "Garmin did not accept the verification code.");
}
