import { createHash, randomBytes } from "node:crypto";

/** RFC 7636 S256: a 43-character verifier and its SHA-256 challenge. */
export function createPkcePair() {
  const verifier = randomBytes(32).toString("base64url");
  const challenge = createHash("sha256").update(verifier).digest("base64url");
  return { verifier, challenge, method: "S256" as const };
}
