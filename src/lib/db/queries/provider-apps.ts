import { eq } from "drizzle-orm";
import type { Database } from "../client";
import { providerApps, type ProviderApp } from "../schema";

// App-level, not per user: a provider's OAuth client serves every person who connects it.
// Only admins reach the functions that write here (lib/provider-apps).

export async function findProviderApp(db: Database, params: { provider: string }): Promise<ProviderApp | null> {
  const [row] = await db.select().from(providerApps).where(eq(providerApps.provider, params.provider)).limit(1);
  return row ?? null;
}

export function listProviderApps(db: Database): Promise<ProviderApp[]> {
  return db.select().from(providerApps);
}

/**
 * Saves the client. Without a new secret the stored one stays (the form never shows it, so
 * an unchanged secret field arrives empty); a first save always brings one.
 */
export async function saveProviderApp(
  db: Database,
  params: Pick<ProviderApp, "provider" | "clientId" | "updatedBy"> & { encryptedClientSecret?: string },
): Promise<ProviderApp | null> {
  const { encryptedClientSecret, ...rest } = params;
  if (encryptedClientSecret === undefined) {
    const [row] = await db
      .update(providerApps)
      .set({ clientId: rest.clientId, updatedBy: rest.updatedBy, updatedAt: new Date() })
      .where(eq(providerApps.provider, rest.provider))
      .returning();
    return row ?? null;
  }
  const [row] = await db
    .insert(providerApps)
    .values({ ...rest, encryptedClientSecret })
    .onConflictDoUpdate({
      target: providerApps.provider,
      set: { clientId: rest.clientId, encryptedClientSecret, updatedBy: rest.updatedBy, updatedAt: new Date() },
    })
    .returning();
  return row ?? null;
}

export async function deleteProviderApp(db: Database, params: { provider: string }): Promise<boolean> {
  const rows = await db
    .delete(providerApps)
    .where(eq(providerApps.provider, params.provider))
    .returning({ provider: providerApps.provider });
  return rows.length > 0;
}
