import { z } from "zod";
import type { SandboxRequest, SandboxRoute } from "@/sandbox/types";
import { connectStore, domainOfHost, loginOf, providerOf, randomId, type GarminDomain } from "./sandbox-store";

// Garmin's mobile SSO (sso.garmin.com / sso.garmin.cn), as the Connect app meets it:
// - any username; a password beginning with "wrong" is wrong, any other is right;
// - a username beginning with "mfa" asks for a code (123456 is right, by e-mail);
// - a username beginning with "blocked" meets Cloudflare: 429 and an HTML page, as in 2026.
// Faults (/sandbox/_control/faults on the sso host) play 429/403 for any username.

export const SANDBOX_MFA_CODE = "123456";
const TICKET_TTL_MS = 5 * 60_000;
const CLIENT_IDS = new Set(["GCM_ANDROID_DARK", "GCM_IOS_DARK", "GarminConnect"]);

const loginBodySchema = z.object({
  username: z.string().min(1),
  password: z.string().min(1),
  rememberMe: z.boolean().optional(),
  captchaToken: z.string().optional(),
});
const mfaBodySchema = z.object({
  mfaMethod: z.string(),
  mfaVerificationCode: z.string(),
  rememberMyBrowser: z.boolean().optional(),
});

const status = (type: string, httpStatus = "OK") => ({ type, message: "", httpStatus });

const cloudflareBlock = () =>
  new Response("<!DOCTYPE html><title>Just a moment...</title><h1>Too many requests</h1>", {
    status: 429,
    headers: { "content-type": "text/html", "cf-mitigated": "challenge" },
  });

function cookieOf(request: Request, name: string): string | undefined {
  const header = request.headers.get("cookie") ?? "";
  return header
    .split(";")
    .map((part) => part.trim().split("="))
    .find(([key]) => key === name)?.[1];
}

/** The service the app names; the ticket is only good for that service. */
function serviceOf(request: SandboxRequest, domain: GarminDomain): string | Response {
  const query = request.url.searchParams;
  const service = query.get("service") ?? "";
  if (!CLIENT_IDS.has(query.get("clientId") ?? ""))
    return Response.json({ responseStatus: status("INVALID_CLIENT", "BAD_REQUEST") }, { status: 400 });
  if (!service.startsWith(`https://mobile.integration.${domain}/`) && !service.startsWith(`https://connect.${domain}/`))
    return Response.json({ responseStatus: status("INVALID_SERVICE", "BAD_REQUEST") }, { status: 400 });
  return service;
}

function issueTicket(request: SandboxRequest, domain: GarminDomain, login: string, service: string, isMfa: boolean) {
  const ticket = `ST-${Math.floor(Math.random() * 1e7)}-${randomId("")}-cas`;
  connectStore(request.state).tickets.set(ticket, {
    domain,
    login,
    service,
    expiresAt: Date.now() + TICKET_TTL_MS,
    isMfa,
  });
  return ticket;
}

function signInPage(request: SandboxRequest) {
  request.state.record({
    provider: providerOf(domainOfHost(request.url.host)),
    method: "GET",
    path: "/mobile/sso/en/sign-in",
  });
  return new Response("<!DOCTYPE html><title>Garmin Connect</title>", {
    headers: { "content-type": "text/html", "set-cookie": `GARMIN-SSO=1; Path=/; Secure; HttpOnly` },
  });
}

async function login(request: SandboxRequest) {
  const domain = domainOfHost(request.url.host);
  request.state.record({ provider: providerOf(domain), method: "POST", path: "/mobile/api/login" });
  const service = serviceOf(request, domain);
  if (service instanceof Response) return service;
  const body = loginBodySchema.safeParse(await request.request.json().catch(() => null));
  if (!body.success)
    return Response.json({ responseStatus: status("INVALID_REQUEST", "BAD_REQUEST") }, { status: 400 });
  const account = loginOf(body.data.username);
  if (account.startsWith("blocked")) return cloudflareBlock();
  if (body.data.password.startsWith("wrong"))
    return Response.json(
      { responseStatus: status("INVALID_USERNAME_PASSWORD", "UNAUTHORIZED"), serviceTicketId: null },
      { status: 401 },
    );
  const session = randomId("");
  if (account.startsWith("mfa")) {
    connectStore(request.state).sessions.set(session, { domain, login: account, awaitingCode: true });
    return Response.json(
      {
        responseStatus: status("MFA_REQUIRED"),
        customerMfaInfo: { mfaLastMethodUsed: "email", mfaPhoneNumber: null },
        serviceTicketId: null,
      },
      { headers: { "set-cookie": `SESSION=${session}; Path=/; Secure; HttpOnly` } },
    );
  }
  return Response.json(
    {
      responseStatus: status("SUCCESSFUL"),
      serviceTicketId: issueTicket(request, domain, account, service, false),
      serviceURL: service,
      customerMfaInfo: null,
    },
    { headers: { "set-cookie": `SESSION=${session}; Path=/; Secure; HttpOnly` } },
  );
}

async function verifyCode(request: SandboxRequest) {
  const domain = domainOfHost(request.url.host);
  request.state.record({ provider: providerOf(domain), method: "POST", path: "/mobile/api/mfa/verifyCode" });
  const service = serviceOf(request, domain);
  if (service instanceof Response) return service;
  const sessions = connectStore(request.state).sessions;
  const sessionId = cookieOf(request.request, "SESSION") ?? "";
  const session = sessions.get(sessionId);
  // The code belongs to the sign-in's session: without its cookie there is nothing to verify.
  if (!session || session.domain !== domain || !session.awaitingCode)
    return Response.json({ responseStatus: status("SESSION_EXPIRED", "UNAUTHORIZED") }, { status: 401 });
  const body = mfaBodySchema.safeParse(await request.request.json().catch(() => null));
  if (!body.success || body.data.mfaVerificationCode !== SANDBOX_MFA_CODE)
    return Response.json({ responseStatus: status("INVALID_MFA_CODE", "UNAUTHORIZED") }, { status: 401 });
  session.awaitingCode = false;
  return Response.json({
    responseStatus: status("SUCCESSFUL"),
    serviceTicketId: issueTicket(request, domain, session.login, service, true),
    serviceURL: service,
  });
}

export function ssoRoutes(host: string): SandboxRoute[] {
  return [
    { method: "GET", host, path: "/mobile/sso/en/sign-in", handle: signInPage },
    { method: "POST", host, path: "/mobile/api/login", handle: login },
    { method: "POST", host, path: "/mobile/api/mfa/verifyCode", handle: verifyCode },
  ];
}
