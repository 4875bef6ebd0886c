import { getEnv } from "@/env";
import type { Database } from "@/lib/db";
import { sandboxCredentials } from "@/sandbox/accounts";
import { resolveClientCredentials } from "./client-credentials";
import { AppError } from "@/lib/errors";
import type { ClientCredentials, ProviderContext, ProviderDefinition, ProviderSlug } from "./types";
import { createProviderFetch } from "./http";

/**
 * Where one provider's requests go, and with which client credentials:
 * - PROVIDER_BASE_URL set: every provider goes to that simulator.
 * - the provider's client set (environment or Settings → Provider apps, client-credentials.ts): the real hosts.
 * - otherwise, outside production (or with QT_SANDBOX=1): our own /sandbox.
 * - otherwise: not configured; the UI says which variables to set.
 */
export type ProviderRoute =
  | { mode: "real"; credentials: ClientCredentials }
  | { mode: "simulator" | "sandbox"; baseUrl: string; credentials: ClientCredentials }
  | { mode: "not_configured" };

export function isSandboxAllowed(): boolean {
  const env = getEnv();
  return env.NODE_ENV !== "production" || env.QT_SANDBOX;
}

/** The app's own URL, for server-side calls to the built-in sandbox outside a request. */
export function getAppUrl(): string {
  const env = getEnv();
  return (env.APP_URL ?? env.NEXTAUTH_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, "");
}

export async function resolveProviderRoute(
  db: Database,
  slug: ProviderSlug,
  appUrl: string = getAppUrl(),
): Promise<ProviderRoute> {
  const resolved = await resolveClientCredentials(db, slug);
  return chooseProviderRoute(slug, resolved.source === "none" ? undefined : resolved.credentials, appUrl);
}

/** The rules above, for client credentials already resolved (or none). */
export function chooseProviderRoute(
  slug: ProviderSlug,
  credentials: ClientCredentials | undefined,
  appUrl: string = getAppUrl(),
): ProviderRoute {
  const env = getEnv();
  if (env.PROVIDER_BASE_URL)
    return { mode: "simulator", baseUrl: env.PROVIDER_BASE_URL, credentials: credentials ?? sandboxCredentials(slug) };
  if (credentials) return { mode: "real", credentials };
  if (isSandboxAllowed())
    return { mode: "sandbox", baseUrl: `${appUrl}/sandbox`, credentials: sandboxCredentials(slug) };
  return { mode: "not_configured" };
}

/** Rewrites a real provider URL for the route: https://<host>/<path> -> <base>/<host>/<path>. */
export function routeUrl(route: ProviderRoute, realUrl: string): string {
  if (route.mode === "real" || route.mode === "not_configured") return realUrl;
  const url = new URL(realUrl);
  return `${route.baseUrl.replace(/\/+$/, "")}/${url.host}${url.pathname}${url.search}`;
}

/**
 * The real URL behind one a simulator handed out under its own base (<base>/<host>/<path> ->
 * https://<host>/<path>), so a provider's URL checks see the host it names; others unchanged.
 */
export function unrouteUrl(route: ProviderRoute, url: string): string {
  if (route.mode !== "simulator" && route.mode !== "sandbox") return url;
  const base = `${route.baseUrl.replace(/\/+$/, "")}/`;
  return url.startsWith(base) ? `https://${url.slice(base.length)}` : url;
}

/** For a route already resolved; throws NOT_CONFIGURED for a provider nobody set up. */
export function contextForRoute(provider: ProviderDefinition, route: ProviderRoute): ProviderContext {
  if (route.mode === "not_configured") throw new AppError("NOT_CONFIGURED", `${provider.name} is not configured.`);
  return { fetch: createProviderFetch(provider.slug, (url) => routeUrl(route, url)), credentials: route.credentials };
}

export async function createProviderContext(
  db: Database,
  provider: ProviderDefinition,
  appUrl?: string,
): Promise<ProviderContext> {
  return contextForRoute(provider, await resolveProviderRoute(db, provider.slug, appUrl));
}

/** OAuth 1.0a consumer key/secret (Garmin's legacy sign-in), by the same naming rule. */
export function consumerEnvNames(slug: ProviderSlug) {
  const prefix = slug.toUpperCase();
  return { consumerKey: `${prefix}_CONSUMER_KEY`, consumerSecret: `${prefix}_CONSUMER_SECRET` } as const;
}

function configuredConsumer(slug: ProviderSlug): ClientCredentials | undefined {
  const names = consumerEnvNames(slug);
  const env = getEnv() as Record<string, unknown>;
  const [clientId, clientSecret] = [env[names.consumerKey], env[names.consumerSecret]];
  return typeof clientId === "string" && typeof clientSecret === "string" ? { clientId, clientSecret } : undefined;
}

/** resolveProviderRoute's rules, with the OAuth 1.0a consumer as the credentials. */
export function resolveOAuth1Route(slug: ProviderSlug, appUrl: string = getAppUrl()): ProviderRoute {
  return chooseProviderRoute(slug, configuredConsumer(slug), appUrl);
}

export function createOAuth1Context(provider: ProviderDefinition, appUrl?: string): ProviderContext {
  const route = resolveOAuth1Route(provider.slug, appUrl);
  if (route.mode === "not_configured") throw new Error(`${provider.name} (OAuth 1.0a) is not configured`);
  return { fetch: createProviderFetch(provider.slug, (url) => routeUrl(route, url)), credentials: route.credentials };
}
