import type { Env } from "@/env";

const SECRET_NAMES = ["QT_ENCRYPTION_KEY", "NEXTAUTH_SECRET"] as const;

/**
 * The secrets this deployment must be given. Embedded mode generates its own in the data
 * directory; production on a shared database cannot (each replica would make a different one,
 * and a lost container would take the key to every stored token with it).
 */
export function findMissingSecrets(env: Env): string[] {
  if (env.NODE_ENV !== "production" || !env.DATABASE_URL) return [];
  return SECRET_NAMES.filter((name) => !env[name]);
}

export function describeMissingSecrets(missing: string[]): string {
  return [
    `QT.run cannot start: ${missing.join(" and ")} ${missing.length === 1 ? "is" : "are"} not set.`,
    "In production with DATABASE_URL, secrets are not generated on this machine; set each in the environment.",
    `Make one with: openssl rand -hex 32   (e.g. ${missing.map((name) => `${name}=$(openssl rand -hex 32)`).join(" ")})`,
  ].join("\n");
}
