import { afterEach, describe, expect, it } from "vitest";
import { PROVIDERS } from ".";
import { chooseProviderRoute, routeUrl } from "./routing";

// Where the credentials come from (environment, then the database) is tested with a database in
// tests/integration/provider-apps.test.ts; these are the rules once that is known.

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
    setEnv({ PROVIDER_BASE_URL: undefined, NODE_ENV: "development" });
    const route = chooseProviderRoute("strava", undefined, "http://localhost:3000");
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
    setEnv({ PROVIDER_BASE_URL: undefined });
    const route = chooseProviderRoute("oura", { clientId: "id", clientSecret: "secret" }, "http://localhost:3000");
    expect(route).toEqual({ mode: "real", credentials: { clientId: "id", clientSecret: "secret" } });
    expect(routeUrl(route, "https://api.ouraring.com/oauth/token")).toBe("https://api.ouraring.com/oauth/token");
  });

  it("keeps the sandbox out of production unless QT_SANDBOX=1", () => {
    setEnv({ PROVIDER_BASE_URL: undefined, NODE_ENV: "production", QT_SANDBOX: undefined });
    expect(chooseProviderRoute("whoop", undefined).mode).toBe("not_configured");
    setEnv({ QT_SANDBOX: "1" });
    expect(chooseProviderRoute("whoop", undefined).mode).toBe("sandbox");
  });

  it("sends every URL of every provider to PROVIDER_BASE_URL, credentials or not", () => {
    setEnv({ PROVIDER_BASE_URL: "http://127.0.0.1:4999/sim/" });
    for (const provider of PROVIDERS) {
      const route = chooseProviderRoute(provider.slug, undefined);
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
    expect(chooseProviderRoute("strava", { clientId: "real-id", clientSecret: "real-secret" })).toMatchObject({
      mode: "simulator",
      credentials: { clientId: "real-id" },
    });
    expect(chooseProviderRoute("oura", undefined)).toMatchObject({ credentials: { clientId: "qt-sandbox-oura" } });
  });
});
