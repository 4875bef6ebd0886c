import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { getEnv } from "@/env";

/**
 * A secret generated once and kept in the data directory, so a fresh machine needs no setup.
 * Production with a shared database must supply its own (env), or every replica would differ.
 */
export function readOrCreateLocalSecret(name: string, envName: string): string {
  const env = getEnv();
  if (env.NODE_ENV === "production" && env.DATABASE_URL) {
    throw new Error(`${envName} is required in production when DATABASE_URL is set (openssl rand -hex 32).`);
  }
  const dir = path.resolve(env.QT_DATA_DIR, "secrets");
  const file = path.join(dir, name);
  try {
    return fs.readFileSync(file, "utf8").trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const secret = randomBytes(32).toString("hex");
  try {
    fs.writeFileSync(file, secret, { flag: "wx", mode: 0o600 });
    return secret;
  } catch (error) {
    // Another worker wrote it first: use theirs so both agree.
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return fs.readFileSync(file, "utf8").trim();
    throw error;
  }
}
