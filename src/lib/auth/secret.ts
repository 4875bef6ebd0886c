import { getEnv } from "@/env";
import { readOrCreateLocalSecret } from "@/lib/crypto/local-secrets";

/** What session tokens are sealed with: NEXTAUTH_SECRET, or one generated for this install. */
export function getAuthSecret(): string {
  return getEnv().NEXTAUTH_SECRET ?? readOrCreateLocalSecret("auth-secret", "NEXTAUTH_SECRET");
}
