import { afterEach, describe, expect, it, vi } from "vitest";
import { chooseProviderRoute } from "@/lib/providers/routing";
import { clientAddress, UNKNOWN_CLIENT } from "./client-address";
import { pinForwardedHeaders } from "./forwarded-headers";
import { requestOrigin } from "./request-origin";

const forged = {
  host: "qt.example",
  "x-forwarded-host": "attacker:4600",
  "x-forwarded-proto": "http",
  "x-forwarded-for": "198.51.100.7",
};
const requestWith = (headers: Record<string, string>) =>
  new Request("http://0.0.0.0:3000/api/oauth/callback", { headers });

afterEach(() => vi.unstubAllEnvs());

describe("which origin a request speaks for", () => {
  it("is the configured URL whatever the forwarded headers say, so provider calls never go to their host", () => {
    vi.stubEnv("NEXTAUTH_URL", "https://qt.example");
    expect(requestOrigin(requestWith(forged))).toBe("https://qt.example");
    vi.stubEnv("QT_TRUST_PROXY", "1");
    expect(requestOrigin(requestWith(forged))).toBe("https://qt.example");
    vi.stubEnv("APP_URL", "https://app.qt.example/");
    expect(requestOrigin(requestWith(forged))).toBe("https://app.qt.example");

    vi.stubEnv("NODE_ENV", "development");
    const route = chooseProviderRoute("fitbit", undefined, requestOrigin(requestWith(forged)));
    expect(route).toMatchObject({ mode: "sandbox", baseUrl: "https://app.qt.example/sandbox" });
  });

  it("ignores forwarded headers without a proxy the operator trusts, and uses the Host header over http", () => {
    vi.stubEnv("NEXTAUTH_URL", "");
    vi.stubEnv("APP_URL", "");
    expect(requestOrigin(requestWith(forged))).toBe("http://qt.example");
  });

  it("follows the operator's proxy when QT_TRUST_PROXY=1 and nothing is configured", () => {
    vi.stubEnv("NEXTAUTH_URL", "");
    vi.stubEnv("APP_URL", "");
    vi.stubEnv("QT_TRUST_PROXY", "1");
    expect(
      requestOrigin(
        requestWith({ host: "127.0.0.1:3000", "x-forwarded-host": "qt.example", "x-forwarded-proto": "https" }),
      ),
    ).toBe("https://qt.example");
  });

  it("rewrites the forwarded headers next-auth reads to the same origin", () => {
    vi.stubEnv("NEXTAUTH_URL", "https://qt.example");
    const pinned = pinForwardedHeaders(new Headers(forged));
    expect(pinned.get("x-forwarded-host")).toBe("qt.example");
    expect(pinned.get("x-forwarded-proto")).toBe("https");
  });
});

describe("which client address attempts are counted against", () => {
  it("does not take X-Forwarded-For from anyone but a trusted proxy", () => {
    vi.stubEnv("QT_TRUST_PROXY", "");
    expect(clientAddress(new Headers(forged))).toBe(UNKNOWN_CLIENT);
    vi.stubEnv("QT_TRUST_PROXY", "1");
    // The proxy appends the address it saw; what the client wrote before it is not believed.
    expect(clientAddress(new Headers({ "x-forwarded-for": "10.9.9.9, 198.51.100.7" }))).toBe("198.51.100.7");
    expect(clientAddress({ "x-forwarded-for": "198.51.100.8" })).toBe("198.51.100.8");
  });
});
