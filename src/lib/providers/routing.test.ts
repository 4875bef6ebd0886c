import { afterEach, describe, expect, it } from "vitest";
import { PROVIDERS } from ".";
import { resolveProviderRoute, routeUrl } from "./routing";

const saved = { ...process.env };
afterEach(() => {
  for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
  Object.assign(process.env, saved);
});

function setEnv(values: Record<string, string | undefined>) {
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
}

describe("where provider requests go", () => {
  it("plays every provider with the built-in sandbox on a fresh machine", () => {
    setEnv({
      PROVIDER_BASE_URL: undefined,
      STRAVA_CLIENT_ID: undefined,
      STRAVA_CLIENT_SECRET: undefined,
      NODE_ENV: "development",
    });
    const route = resolveProviderRoute("strava", "http://localhost:3000");
    expect(route).toMatchObject({
      mode: "sandbox",
      baseUrl: "http://localhost:3000/sandbox",
      credentials: { clientId: "qt-sandbox-strava" },
    });
    expect(routeUrl(route, "https://www.strava.com/api/v3/athlete?x=1")).toBe(
      "http://localhost:3000/sandbox/www.strava.com/api/v3/athlete?x=1",
    );
  });

  it("talks to the real hosts once a provider's credentials are set", () => {
    setEnv({ PROVIDER_BASE_URL: undefined, OURA_CLIENT_ID: "id", OURA_CLIENT_SECRET: "secret" });
    const route = resolveProviderRoute("oura", "http://localhost:3000");
    expect(route).toEqual({ mode: "real", credentials: { clientId: "id", clientSecret: "secret" } });
    expect(routeUrl(route, "https://api.ouraring.com/oauth/token")).toBe("https://api.ouraring.com/oauth/token");
  });

  it("keeps the sandbox out of production unless QT_SANDBOX=1", () => {
    setEnv({
      PROVIDER_BASE_URL: undefined,
      WHOOP_CLIENT_ID: undefined,
      WHOOP_CLIENT_SECRET: undefined,
      NODE_ENV: "production",
      QT_SANDBOX: undefined,
    });
    expect(resolveProviderRoute("whoop").mode).toBe("not_configured");
    setEnv({ QT_SANDBOX: "1" });
    expect(resolveProviderRoute("whoop").mode).toBe("sandbox");
  });

  it("sends every URL of every provider to PROVIDER_BASE_URL, credentials or not", () => {
    setEnv({
      PROVIDER_BASE_URL: "http://127.0.0.1:4999/sim/",
      STRAVA_CLIENT_ID: "real-id",
      STRAVA_CLIENT_SECRET: "real-secret",
    });
    for (const provider of PROVIDERS) {
      const route = resolveProviderRoute(provider.slug);
      expect(route.mode).toBe("simulator");
      const urls = [
        provider.oauth.authorizeUrl,
        provider.oauth.tokenUrl,
        ...Object.values(provider.legacyOAuth1 ?? {}).filter((value) => value.startsWith("https://")),
      ];
      for (const url of urls) {
        const { host, pathname } = new URL(url);
        expect(routeUrl(route, url)).toBe(`http://127.0.0.1:4999/sim/${host}${pathname}`);
      }
    }
    expect(resolveProviderRoute("strava")).toMatchObject({ credentials: { clientId: "real-id" } });
  });
});
