import { NextResponse, type NextRequest } from "next/server";
import { SESSION_COOKIE_NAMES } from "@/lib/auth/session-cookies";
import { pinForwardedHeaders } from "@/lib/http/forwarded-headers";
import { originFromHeaders } from "@/lib/http/request-origin";
import { securityHeaders } from "@/lib/http/security-headers";

/**
 * Every request: a fresh CSP nonce (Next puts it on its scripts, so pages render dynamically),
 * the security headers, and X-Forwarded-Host/-Proto pinned to the origin we trust before
 * next-auth or a route reads them. Dashboard pages also get a cheap gate: no session cookie,
 * no dashboard. The session itself is checked (against the database) by the dashboard layout;
 * nothing here touches the database.
 */
export function proxy(request: NextRequest) {
  // Next's own trailing-slash redirect is off (next.config.ts) so the sandbox gets provider paths as sent.
  const { pathname } = request.nextUrl;
  if (pathname.length > 1 && pathname.endsWith("/") && !pathname.startsWith("/sandbox/")) {
    // A plain URL: NextURL's pathname setter keeps the slash by Next's own trailing-slash rule.
    const url = new URL(request.url);
    url.pathname = pathname.replace(/\/+$/, "") || "/";
    return NextResponse.redirect(url, 308);
  }
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const headers = securityHeaders({
    nonce,
    isDev: process.env.NODE_ENV === "development",
    isHttps: originFromHeaders(request.headers).startsWith("https:"),
  });

  let response: NextResponse;
  const isDashboard = request.nextUrl.pathname === "/dashboard" || request.nextUrl.pathname.startsWith("/dashboard/");
  if (isDashboard && !SESSION_COOKIE_NAMES.some((name) => request.cookies.has(name))) {
    const signIn = new URL("/sign-in", request.url);
    signIn.searchParams.set("callbackUrl", request.nextUrl.pathname + request.nextUrl.search);
    response = NextResponse.redirect(signIn);
  } else {
    const requestHeaders = pinForwardedHeaders(request.headers);
    requestHeaders.set("x-nonce", nonce);
    requestHeaders.set("content-security-policy", headers["content-security-policy"]!);
    response = NextResponse.next({ request: { headers: requestHeaders } });
  }
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

// Everything but build assets (immutable files, no script to restrict), the webhook routes and
// the upload (POST /api/files, exactly: downloads below it keep their headers): Next buffers a
// request body in memory for the proxy (10 MB by default, cut off beyond), and ingest and uploads
// stream bodies far larger. None of them builds an origin from headers.
export const config = { matcher: ["/((?!_next/static|_next/image|favicon.ico|api/webhooks/|api/files$).*)"] };
