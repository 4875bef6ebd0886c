import { getEnv } from "@/env";
import type { CredentialContext, CredentialProviderDefinition } from "./credential-types";
import { createProviderFetch } from "./http";
import { getAppUrl, isSandboxAllowed, routeUrl, type ProviderRoute } from "./routing";

/**
 * Where a password-linked provider's requests go. It has no operator credentials, so the
 * sandbox-or-real choice is QT_CREDENTIAL_PROVIDERS, defaulting to the sandbox wherever the
 * sandbox is allowed (outside production, or QT_SANDBOX=1). PROVIDER_BASE_URL still wins, as for
 * every provider.
 */
export function resolveCredentialRoute(
  appUrl: string = getAppUrl(),
): Exclude<ProviderRoute, { mode: "not_configured" }> {
  const env = getEnv();
  const credentials = { clientId: "", clientSecret: "" };
  if (env.PROVIDER_BASE_URL) return { mode: "simulator", baseUrl: env.PROVIDER_BASE_URL, credentials };
  const mode = env.QT_CREDENTIAL_PROVIDERS ?? (isSandboxAllowed() ? "sandbox" : "real");
  return mode === "real" ? { mode, credentials } : { mode: "sandbox", baseUrl: `${appUrl}/sandbox`, credentials };
}

/** Whether a host is on a source's list: exact names, or ".suffix" for a file store's buckets. */
export function isSourceHost(hosts: readonly string[], host: string): boolean {
  return hosts.some((allowed) => (allowed.startsWith(".") ? host.endsWith(allowed) : host === allowed));
}

/**
 * The fetch one credential provider uses: real URLs routed as above, refusing any host outside
 * its region's list, so a China account cannot reach a global host whatever a reply links to.
 */
export function createCredentialContext(source: CredentialProviderDefinition, appUrl?: string): CredentialContext {
  const route = resolveCredentialRoute(appUrl);
  const rewrite = (realUrl: string) => {
    const { host, protocol } = new URL(realUrl);
    if (protocol !== "https:" || !isSourceHost(source.hosts, host))
      throw new Error(`${source.name} does not talk to ${host}; its hosts are ${source.hosts.join(", ")}.`);
    return routeUrl(route, realUrl);
  };
  return { fetch: createProviderFetch(source.slug, rewrite, source.auth.authorizationHeader) };
}
