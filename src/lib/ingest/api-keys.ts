import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

// An API key is "qt_" + 32 random bytes (base64url). Only its SHA-256 is stored: a leaked
// database cannot be replayed against us. A fast hash is right here (unlike passwords): the
// key has 256 bits of entropy, so there is nothing to brute-force.
export const API_KEY_PATTERN = /^qt_[A-Za-z0-9_-]{43}$/;

export function generateApiKey(): { key: string; prefix: string; keyHash: string } {
  const key = `qt_${randomBytes(32).toString("base64url")}`;
  return { key, prefix: key.slice(0, 7), keyHash: hashApiKey(key) };
}

export function hashApiKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

/** Compares in constant time; used after the lookup by hash, so the comparison leaks nothing either. */
export function isSameHash(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
}
