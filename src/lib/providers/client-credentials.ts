import { providerSetting } from "@/env";
import { decryptSecret } from "@/lib/crypto/encryption";
import type { Database } from "@/lib/db";
import { findProviderApp } from "@/lib/db/queries/provider-apps";
import { AppError } from "@/lib/errors";
import type { ClientCredentials, ProviderSlug } from "./base-types";

/**
 * Where a provider's OAuth client comes from. The environment wins, so an operator can pin a
 * client no admin can change from the UI; then what an admin saved in Settings → Provider apps;
 * otherwise none (and routing.ts decides between the sandbox and "not configured").
 */
export type ResolvedClientCredentials =
  | { source: "env"; credentials: ClientCredentials; envNames: ReturnType<typeof credentialEnvNames> }
  | { source: "database"; credentials: ClientCredentials; updatedAt: Date; updatedBy: string | null }
  | { source: "none" };

export function credentialEnvNames(slug: ProviderSlug) {
  const prefix = slug.toUpperCase();
  return { clientId: `${prefix}_CLIENT_ID`, clientSecret: `${prefix}_CLIENT_SECRET` } as const;
}

/** The one place that reads a provider's client id and secret; everything else asks routing.ts. */
export async function resolveClientCredentials(db: Database, slug: ProviderSlug): Promise<ResolvedClientCredentials> {
  const clientId = providerSetting(slug, "CLIENT_ID");
  const clientSecret = providerSetting(slug, "CLIENT_SECRET");
  // env.ts refuses half a pair, so one set means both are.
  if (clientId && clientSecret)
    return { source: "env", credentials: { clientId, clientSecret }, envNames: credentialEnvNames(slug) };
  const saved = await findProviderApp(db, { provider: slug });
  if (!saved) return { source: "none" };
  return {
    source: "database",
    credentials: { clientId: saved.clientId, clientSecret: openClientSecret(slug, saved.encryptedClientSecret) },
    updatedAt: saved.updatedAt,
    updatedBy: saved.updatedBy,
  };
}

function openClientSecret(slug: ProviderSlug, sealed: string): string {
  try {
    return decryptSecret(sealed);
  } catch {
    // Falling back to the sandbox here would quietly send real people to a simulator.
    throw new AppError(
      "NOT_CONFIGURED",
      `The saved ${slug} client secret cannot be decrypted with this QT_ENCRYPTION_KEY; an admin must save it again.`,
    );
  }
}
