import { describe, expect, it } from "vitest";
import { PROVIDERS } from "@/lib/providers";
import { CREDENTIAL_PROVIDERS } from "@/lib/providers/credential-index";
import { SANDBOXES } from "./registry";

const routesOf = () =>
  Object.entries(SANDBOXES).flatMap(([slug, sandbox]) => sandbox.routes.map((route) => ({ slug, route })));

describe("the sandbox registry", () => {
  it("has a simulator for every registered provider", () => {
    for (const provider of PROVIDERS) expect(Object.keys(SANDBOXES)).toContain(provider.slug);
  });

  it("plays every host a password-linked provider talks to, in every region", () => {
    const hosts = new Set(routesOf().map(({ route }) => route.host));
    for (const provider of CREDENTIAL_PROVIDERS) {
      // ".amazonaws.com" and the like admit a storage service's buckets: one of them is played.
      for (const host of provider.hosts)
        expect(
          [...hosts].some((played) => (host.startsWith(".") ? played.endsWith(host) : played === host)),
          host,
        ).toBe(true);
    }
  });

  it("answers each endpoint from one simulator only", () => {
    // Hosts may be shared (Garmin's official OAuth 1.0a and the Connect app both use
    // connectapi.garmin.com); an endpoint served twice would shadow one of them.
    const seen = new Map<string, string>();
    for (const { slug, route } of routesOf()) {
      const key = `${route.method} ${route.host}${route.path}`;
      expect(seen.get(key) ?? slug, key).toBe(slug);
      expect(seen.has(key), `${key} is served twice`).toBe(false);
      seen.set(key, slug);
    }
  });
});
