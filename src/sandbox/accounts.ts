import { createHash, createHmac } from "node:crypto";
import { getEnv } from "@/env";
import { getAuthSecret } from "@/lib/auth/secret";

const FIRST_NAMES = ["Ada", "Kip", "Mo", "Paula", "Eliud", "Sifan", "Jakob", "Faith", "Joshua", "Gabby"];
const LAST_NAMES = [
  "Lovelace",
  "Keino",
  "Farah",
  "Radcliffe",
  "Kipchoge",
  "Hassan",
  "Ingebrigtsen",
  "Kipyegon",
  "Cheptegei",
  "Thomas",
];

export interface SandboxAccount {
  login: string;
  /** A stable numeric id, the same for the same login on every run. */
  numericId: number;
  uuid: string;
  firstName: string;
  lastName: string;
  email: string;
}

/** Deterministic per (provider, login): the same person every time, different per provider. */
export function sandboxAccount(provider: string, login: string): SandboxAccount {
  const digest = createHash("sha256").update(`${provider}:${login}`).digest();
  const hex = digest.toString("hex");
  return {
    login,
    numericId: (digest.readUInt32BE(0) % 90_000_000) + 10_000_000,
    uuid: `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`,
    firstName: FIRST_NAMES[digest[4]! % FIRST_NAMES.length]!,
    lastName: LAST_NAMES[digest[5]! % LAST_NAMES.length]!,
    email: `${login.toLowerCase().replace(/[^a-z0-9]+/g, ".")}@${provider}.sandbox.example`,
  };
}

export const SANDBOX_CLIENT_SECRET_PREFIX = "qt-sandbox-secret-";

/** The client credentials the app uses, and the sandbox expects, when a provider is sandboxed. */
export function sandboxCredentials(provider: string) {
  return { clientId: `qt-sandbox-${provider}`, clientSecret: `${SANDBOX_CLIENT_SECRET_PREFIX}${provider}` };
}

/**
 * The webhook signing secret a sandboxed provider uses, and the app expects, without configuration.
 * A deployed sandbox (production, QT_SANDBOX=1) derives it from this install's own secret: a
 * string in the source would let anyone sign pushes to it.
 */
export function sandboxWebhookSecret(provider: string) {
  if (getEnv().NODE_ENV !== "production") return `qt-sandbox-webhook-${provider}`;
  return createHmac("sha256", getAuthSecret()).update(`sandbox-webhook:${provider}`).digest("hex");
}
