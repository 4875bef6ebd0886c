import http from "node:http";
import type { AddressInfo } from "node:net";
import NextAuth from "next-auth";
import { buildAuthOptions } from "@/lib/auth/options";
import { getAuthSecret } from "@/lib/auth/secret";
import { readSessionCookie } from "@/lib/auth/session-cookies";
import { findSessionUser } from "@/lib/auth/session-token";
import type { Database } from "@/lib/db";

/**
 * next-auth's own handler with our options on a port (/api/auth/*), plus GET /api/me answering
 * the way every API route decides who is signed in (findSessionUser, as in lib/auth/session.ts).
 * next-auth's App Router entry needs Next's request scope, so this serves its Node entry, which
 * runs the same core.
 */
export async function serveAuth(db: Database) {
  const options = buildAuthOptions(db);
  const server = http.createServer(async (incoming, outgoing) => {
    const chunks: Buffer[] = [];
    for await (const chunk of incoming) chunks.push(chunk as Buffer);
    const url = new URL(incoming.url ?? "/", "http://localhost");
    if (url.pathname === "/api/me") {
      const user = await findSessionUser(db, {
        sessionToken: readSessionCookie(incoming.headers.cookie),
        secret: getAuthSecret(),
      });
      outgoing.writeHead(user ? 200 : 401, { "content-type": "application/json" });
      outgoing.end(JSON.stringify(user ? { id: user.id } : { error: "UNAUTHORIZED" }));
      return;
    }
    const isForm = incoming.headers["content-type"]?.includes("application/x-www-form-urlencoded");
    const request = Object.assign(incoming, {
      query: {
        ...Object.fromEntries(url.searchParams),
        nextauth: url.pathname.replace(/^\/api\/auth\//, "").split("/"),
      },
      body: isForm ? Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString("utf8"))) : {},
      cookies: Object.fromEntries(
        (incoming.headers.cookie ?? "")
          .split(";")
          .filter(Boolean)
          .map((part) => {
            const [name, ...value] = part.trim().split("=");
            return [name!, decodeURIComponent(value.join("="))];
          }),
      ),
    });
    const response = Object.assign(outgoing, {
      status: (code: number) => ((outgoing.statusCode = code), response),
      json: (value: unknown) => (
        outgoing.setHeader("content-type", "application/json"),
        outgoing.end(JSON.stringify(value))
      ),
      send: (value: unknown) =>
        typeof value === "string"
          ? outgoing.end(value)
          : (outgoing.setHeader("content-type", "application/json"), outgoing.end(JSON.stringify(value ?? null))),
    });
    await NextAuth(request as never, response as never, options);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** One browser: a cookie jar and next-auth's form posts (CSRF token, credentials, sign-out). */
export function createBrowser(baseUrl: string) {
  const jar = new Map<string, string>();
  async function send(path: string, form?: Record<string, string>) {
    const headers: Record<string, string> = {};
    if (jar.size) headers.cookie = [...jar].map(([name, value]) => `${name}=${encodeURIComponent(value)}`).join("; ");
    if (form) headers["content-type"] = "application/x-www-form-urlencoded";
    const response = await fetch(`${baseUrl}${path}`, {
      method: form ? "POST" : "GET",
      headers,
      body: form ? new URLSearchParams(form) : undefined,
      redirect: "manual",
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(";");
      const [name, ...value] = pair!.split("=");
      const isExpired = attributes.some(
        (attribute) => /^\s*max-age=0$/i.test(attribute) || /^\s*expires=Thu, 01 Jan 1970/i.test(attribute),
      );
      if (isExpired || value.join("=") === "") jar.delete(name!);
      else jar.set(name!, decodeURIComponent(value.join("=")));
    }
    return response;
  }
  const csrfToken = async () => ((await (await send("/api/auth/csrf")).json()) as { csrfToken: string }).csrfToken;
  return {
    send,
    signIn: async (email: string, password: string) =>
      send("/api/auth/callback/credentials", { email, password, csrfToken: await csrfToken(), json: "true" }),
    signOut: async () => send("/api/auth/signout", { csrfToken: await csrfToken(), json: "true" }),
    sessionToken: () => jar.get("next-auth.session-token"),
    /** What someone who copied the cookie can do with it. */
    setSessionToken: (token: string) => jar.set("next-auth.session-token", token),
    whoAmI: async () => (await send("/api/me")).status,
  };
}
