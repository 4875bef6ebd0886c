import { describe, expect, it } from "vitest";
import { PROVIDERS } from "@/lib/providers";
import { SANDBOXES } from "./registry";

describe("the sandbox registry", () => {
  it("has a simulator for every registered provider and none for a provider that is not", () => {
    expect(Object.keys(SANDBOXES).sort()).toEqual(PROVIDERS.map((provider) => provider.slug).sort());
  });

  it("serves each provider's hosts from its own simulator only", () => {
    const owners = new Map<string, string>();
    for (const [slug, sandbox] of Object.entries(SANDBOXES)) {
      for (const route of sandbox.routes) {
        expect(owners.get(route.host) ?? slug).toBe(slug);
        owners.set(route.host, slug);
      }
    }
  });
});
