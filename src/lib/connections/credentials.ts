import { decryptJson, encryptJson } from "@/lib/crypto/encryption";
import type { ProviderConnection } from "@/lib/db/schema";
import type { TokenSet } from "@/lib/providers/types";

type StoredTokenSet = Omit<TokenSet, "expiresAt"> & { expiresAt?: string };

/** Tokens are stored as one AES-256-GCM sealed JSON document per connection. */
export function sealTokens(tokens: TokenSet): string {
  const stored: StoredTokenSet = { ...tokens, expiresAt: tokens.expiresAt?.toISOString() };
  return encryptJson(stored);
}

export function openTokens(connection: Pick<ProviderConnection, "encryptedCredentials">): TokenSet {
  if (!connection.encryptedCredentials) throw new Error("This connection holds no credentials.");
  const stored = decryptJson<StoredTokenSet>(connection.encryptedCredentials);
  return { ...stored, expiresAt: stored.expiresAt ? new Date(stored.expiresAt) : undefined };
}
