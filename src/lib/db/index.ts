import path from "node:path";
import { getEnv } from "@/env";
import { openPglite, openPostgres, type Database, type DatabaseHandle } from "./client";

export type { Database, DatabaseMode } from "./client";

// Next bundles route handlers and instrumentation separately, so a module-level singleton
// would open the database twice; one handle per process lives on globalThis instead.
const globalForDb = globalThis as unknown as { qtDatabase?: Promise<DatabaseHandle> };

export function getDatabaseHandle(): Promise<DatabaseHandle> {
  globalForDb.qtDatabase ??= openFromEnv().catch((error: unknown) => {
    globalForDb.qtDatabase = undefined;
    throw error;
  });
  return globalForDb.qtDatabase;
}

export async function getDb(): Promise<Database> {
  return (await getDatabaseHandle()).db;
}

export async function closeDatabase(): Promise<void> {
  const pending = globalForDb.qtDatabase;
  globalForDb.qtDatabase = undefined;
  if (pending) await (await pending).close();
}

function openFromEnv(): Promise<DatabaseHandle> {
  const env = getEnv();
  if (env.DATABASE_URL) return openPostgres(env.DATABASE_URL);
  return openPglite(path.resolve(env.QT_DATA_DIR, "pglite"));
}
