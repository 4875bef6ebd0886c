import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { getEnv } from "@/env";
import { readOrCreateLocalSecret } from "./local-secrets";

// AES-256-GCM; stored as "v1.<iv>.<tag>.<ciphertext>" in base64url so a future key or
// algorithm can be told apart by its prefix.
const VERSION = "v1";

function parseKey(value: string): Buffer {
  const key = /^[0-9a-fA-F]{64}$/.test(value) ? Buffer.from(value, "hex") : Buffer.from(value, "base64");
  if (key.length !== 32) throw new Error("QT_ENCRYPTION_KEY must be 32 bytes");
  return key;
}

let cachedKey: Buffer | undefined;

function getKey(): Buffer {
  cachedKey ??= parseKey(getEnv().QT_ENCRYPTION_KEY ?? readOrCreateLocalSecret("encryption-key", "QT_ENCRYPTION_KEY"));
  return cachedKey;
}

export function encryptSecret(plaintext: string, key: Buffer = getKey()): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [VERSION, iv, cipher.getAuthTag(), ciphertext]
    .map((part) => (typeof part === "string" ? part : part.toString("base64url")))
    .join(".");
}

export function decryptSecret(sealed: string, key: Buffer = getKey()): string {
  const [version, iv, tag, ciphertext] = sealed.split(".");
  if (version !== VERSION || !iv || !tag || ciphertext === undefined) throw new Error("Not an encrypted secret");
  const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]).toString("utf8");
}

export function encryptJson(value: unknown): string {
  return encryptSecret(JSON.stringify(value));
}

export function decryptJson<T>(sealed: string): T {
  return JSON.parse(decryptSecret(sealed)) as T;
}
