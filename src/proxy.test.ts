import { NextRequest } from "next/server";
import { afterEach, describe, expect, it, vi } from "vitest";
import { config, proxy } from "./proxy";

afterEach(() => vi.unstubAllEnvs());

const requestTo = (url: string, headers: Record<string, string> = {}) => new NextRequest(url, { headers });
const matches = (pathname: string) => config.matcher.some((pattern) => new RegExp(`^${pattern}$`).test(pathname));

describe("the proxy in front of every page", () => {
  it("sends a nonce CSP that forbids framing, and the other security headers, on a page", () => {
    vi.stubEnv("NODE_ENV", "production");
    const response = proxy(requestTo("http://localhost:3000/sign-in"));
    const csp = response.headers.get("content-security-policy")!;
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain("unsafe-eval");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    expect(response.headers.get("permissions-policy")).toContain("camera=()");
    // Next reads the nonce from the request's CSP header to put it on its own scripts.
    expect(response.headers.get("x-middleware-request-content-security-policy")).toBe(csp);
    expect(response.headers.get("x-middleware-request-x-nonce")).toBe(nonce);
    // No HSTS over plain http.
    expect(response.headers.get("strict-transport-security")).toBeNull();
  });

  it("redirects a page path ending in / to the path without it, but passes the sandbox's provider paths as sent", () => {
    const page = proxy(requestTo("http://localhost:3000/dashboard/activities/?page=2"));
    expect(page.status).toBe(308);
    expect(page.headers.get("location")).toBe("http://localhost:3000/dashboard/activities?page=2");
    const sandbox = proxy(requestTo("http://localhost:3000/sandbox/apis.garmin.com/training-api/schedule/"));
    expect(sandbox.headers.get("location")).toBeNull();
    expect(sandbox.headers.get("x-middleware-next")).toBe("1");
  });

  it("uses a new nonce for every request", () => {
    const nonceOf = () =>
      /'nonce-([^']+)'/.exec(proxy(requestTo("http://localhost:3000/")).headers.get("content-security-policy")!)?.[1];
    expect(nonceOf()).not.toBe(nonceOf());
  });

  it("allows eval in development only, where React needs it", () => {
    vi.stubEnv("NODE_ENV", "development");
    expect(proxy(requestTo("http://localhost:3000/")).headers.get("content-security-policy")).toContain(
      "'unsafe-eval'",
    );
  });

  it("adds HSTS when the app's URL is https", () => {
    vi.stubEnv("APP_URL", "https://qt.example");
    const response = proxy(requestTo("http://10.0.0.5:3000/sign-in"));
    expect(response.headers.get("strict-transport-security")).toMatch(/^max-age=\d+/);
    expect(response.headers.get("content-security-policy")).toContain("upgrade-insecure-requests");
  });

  it("pins the forwarded host next-auth reads to the configured URL", () => {
    vi.stubEnv("NEXTAUTH_URL", "https://qt.example");
    const response = proxy(
      requestTo("http://localhost:3000/api/auth/callback/strava", { "x-forwarded-host": "attacker:4600" }),
    );
    expect(response.headers.get("x-middleware-request-x-forwarded-host")).toBe("qt.example");
    expect(response.headers.get("x-middleware-request-x-forwarded-proto")).toBe("https");
  });

  it("still sends someone without a session cookie from the dashboard to sign-in, with the headers", () => {
    const response = proxy(requestTo("http://localhost:3000/dashboard/health?range=week"));
    expect(response.status).toBe(307);
    expect(new URL(response.headers.get("location")!).searchParams.get("callbackUrl")).toBe(
      "/dashboard/health?range=week",
    );
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    const signedIn = proxy(requestTo("http://localhost:3000/dashboard", { cookie: "next-auth.session-token=abc" }));
    expect(signedIn.headers.get("location")).toBeNull();
  });

  it("covers pages, next-auth and the sandbox, but not build assets or the (large-body) webhook routes", () => {
    for (const path of [
      "/",
      "/sign-in",
      "/dashboard/settings",
      "/api/auth/session",
      "/sandbox/www.strava.com/oauth/authorize",
    ])
      expect(matches(path), path).toBe(true);
    for (const path of ["/_next/static/chunks/app.js", "/api/webhooks/ingest", "/api/webhooks/strava"])
      expect(matches(path), path).toBe(false);
  });
});
