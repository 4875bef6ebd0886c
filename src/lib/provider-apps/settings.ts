import { requireAdmin } from "@/lib/auth/admin";
import { callbackUrl } from "@/lib/connections/connect";
import type { Database } from "@/lib/db";
import { listConnections } from "@/lib/db/queries/connections";
import type { ProviderConnection, User } from "@/lib/db/schema";
import { hasErrorCode } from "@/lib/errors";
import { PROVIDERS } from "@/lib/providers";
import { credentialEnvNames, resolveClientCredentials } from "@/lib/providers/client-credentials";
import { chooseProviderRoute, type ProviderRoute } from "@/lib/providers/routing";
import type { CredentialCheck, ProviderDefinition } from "@/lib/providers/types";

/** What Settings → Provider apps shows for one provider. Never holds a client secret. */
export interface ProviderAppView {
  provider: Pick<ProviderDefinition, "slug" | "name" | "brandColor" | "developerPortalUrl">;
  /** Where its requests go now, given what is configured. */
  mode: ProviderRoute["mode"];
  /** Register this at the provider; it is the one the OAuth flow sends. */
  redirectUri: string;
  envNames: ReturnType<typeof credentialEnvNames>;
  client:
    | { source: "env"; clientId: string }
    | { source: "database"; clientId: string; secretHint?: string; updatedAt: Date }
    | { source: "unreadable"; message: string }
    | { source: "none" };
  credentialCheck: CredentialCheck;
  /** The admin's own accounts of this provider, for "Test current token". */
  connections: Array<Pick<ProviderConnection, "id" | "label" | "externalUserId" | "status">>;
}

const MIN_LENGTH_FOR_HINT = 12;

/**
 * The last three characters, so an admin can tell which secret is saved without it being
 * shown; none for a short secret, where three characters would give too much of it away.
 */
export function secretHint(secret: string): string | undefined {
  return secret.length >= MIN_LENGTH_FOR_HINT ? `…${secret.slice(-3)}` : undefined;
}

async function clientOf(db: Database, slug: string): Promise<ProviderAppView["client"]> {
  try {
    const resolved = await resolveClientCredentials(db, slug);
    if (resolved.source === "env") return { source: "env", clientId: resolved.credentials.clientId };
    if (resolved.source === "none") return { source: "none" };
    return {
      source: "database",
      clientId: resolved.credentials.clientId,
      secretHint: secretHint(resolved.credentials.clientSecret),
      updatedAt: resolved.updatedAt,
    };
  } catch (error) {
    if (hasErrorCode(error, "NOT_CONFIGURED")) return { source: "unreadable", message: error.message };
    throw error;
  }
}

/** Every provider in the registry, for an admin (FORBIDDEN for anyone else). */
export async function listProviderAppViews(
  db: Database,
  params: { actor: Pick<User, "id" | "email">; origin: string },
): Promise<ProviderAppView[]> {
  await requireAdmin(db, params.actor);
  const connections = await listConnections(db, { userId: params.actor.id });
  return Promise.all(
    PROVIDERS.map(async (provider): Promise<ProviderAppView> => {
      const client = await clientOf(db, provider.slug);
      // The secret is not needed to know where requests go; a placeholder keeps it out of here.
      const configured = client.source === "env" || client.source === "database";
      const route = chooseProviderRoute(
        provider.slug,
        configured ? { clientId: client.clientId, clientSecret: "" } : undefined,
        params.origin,
      );
      return {
        provider: {
          slug: provider.slug,
          name: provider.name,
          brandColor: provider.brandColor,
          developerPortalUrl: provider.developerPortalUrl,
        },
        mode: client.source === "unreadable" ? "not_configured" : route.mode,
        redirectUri: callbackUrl(params.origin),
        envNames: credentialEnvNames(provider.slug),
        client,
        credentialCheck: provider.oauth.credentialCheck,
        connections: connections
          .filter((connection) => connection.provider === provider.slug && connection.authKind === "oauth2")
          .map(({ id, label, externalUserId, status }) => ({ id, label, externalUserId, status })),
      };
    }),
  );
}
