import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { z } from "zod";
import type { CliConfig } from "./config";

// What the CLI keeps between runs, under ~/.qt/cache (or the config's cache.dir):
//   lists/<account>.json  the numbers the last `qt list` showed, so `download --index N` gets that row
//   auth/<account>.json   a sign-in waiting for its emailed code (`qt auth --code`), 10 minutes at most
// The tokens themselves live sealed in the database, never here.

export function cacheDirOf(config: CliConfig, cwd: string): string {
  const dir = config.cache.dir;
  if (!dir) return path.join(os.homedir(), ".qt", "cache");
  return path.resolve(cwd, dir.replace(/^~(?=$|\/)/, os.homedir()));
}

const listIndexSchema = z.object({
  connectionId: z.string(),
  activityIds: z.array(z.string()),
});
export type ListIndex = z.infer<typeof listIndexSchema>;

const pendingSignInSchema = z.object({ challengeId: z.string(), expiresAt: z.string() });
export type PendingSignIn = z.infer<typeof pendingSignInSchema>;

async function writePrivate(file: string, value: unknown) {
  await fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  await fs.writeFile(file, JSON.stringify(value), { mode: 0o600 });
}

async function readCached<T>(file: string, schema: z.ZodType<T>): Promise<T | undefined> {
  try {
    const parsed = schema.safeParse(JSON.parse(await fs.readFile(file, "utf8")));
    return parsed.success ? parsed.data : undefined;
  } catch {
    // Missing or damaged: a cache entry is only ever a shortcut.
    return undefined;
  }
}

export const saveListIndex = (dir: string, account: string, index: ListIndex) =>
  writePrivate(path.join(dir, "lists", `${account}.json`), index);
export const readListIndex = (dir: string, account: string) =>
  readCached(path.join(dir, "lists", `${account}.json`), listIndexSchema);

export const savePendingSignIn = (dir: string, account: string, pending: PendingSignIn) =>
  writePrivate(path.join(dir, "auth", `${account}.json`), pending);
export const readPendingSignIn = (dir: string, account: string) =>
  readCached(path.join(dir, "auth", `${account}.json`), pendingSignInSchema);
export const forgetPendingSignIn = (dir: string, account: string) =>
  fs.rm(path.join(dir, "auth", `${account}.json`), { force: true });

/** Empties the cache (or only its sign-in part); returns how many entries went. */
export async function clearCache(dir: string, params: { isAuthOnly: boolean }): Promise<number> {
  const parts = params.isAuthOnly ? ["auth"] : ["auth", "lists"];
  let removed = 0;
  for (const part of parts) {
    const entries = await fs.readdir(path.join(dir, part)).catch(() => [] as string[]);
    removed += entries.length;
    await fs.rm(path.join(dir, part), { recursive: true, force: true });
  }
  return removed;
}
