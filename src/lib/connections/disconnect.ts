import type { Database } from "@/lib/db";
import { deleteConnection, getConnectionOrThrow, isProviderAccountShared } from "@/lib/db/queries/connections";
import { getProviderOrThrow } from "@/lib/providers";
import { createProviderContext } from "@/lib/providers/routing";
import { openTokens } from "./credentials";
import { refreshIfDue } from "./refresh";

/**
 * Revokes at the provider where it offers that, then forgets the tokens. The provider being
 * down must not trap a person in a connection they want gone, so a failed revoke is
 * reported back but does not stop the disconnect.
 */
export async function disconnectConnection(
  db: Database,
  params: { userId: string; connectionId: string; deleteData: boolean; appUrl?: string },
): Promise<{ isRevokedAtProvider: boolean; revokeError?: string }> {
  const connection = await getConnectionOrThrow(db, params);
  const provider = getProviderOrThrow(connection.provider);
  let isRevokedAtProvider = false;
  let revokeError: string | undefined;
  // Revoking is per provider account and app, not per QT.run user: while someone else here
  // still uses the same provider account, revoking would cut them off too.
  const isShared = await isProviderAccountShared(db, connection);
  if (provider.revoke && connection.encryptedCredentials && !isShared) {
    try {
      // A short-lived access token has usually expired by the time someone disconnects, and
      // revoking with it would look fine while the grant lives on: refresh first when due.
      const tokens = await refreshIfDue(db, connection, { appUrl: params.appUrl }).catch(() => openTokens(connection));
      await provider.revoke(await createProviderContext(db, provider, params.appUrl), tokens, {
        externalUserId: connection.externalUserId,
      });
      isRevokedAtProvider = true;
    } catch (error) {
      revokeError = (error as Error).message;
      console.warn(`[connections] revoking ${provider.slug} connection ${connection.id} failed: ${revokeError}`);
    }
  }
  await deleteConnection(db, {
    ...params,
    deleteData: params.deleteData || Boolean(provider.mustDeleteDataOnDisconnect),
  });
  return { isRevokedAtProvider, revokeError };
}
