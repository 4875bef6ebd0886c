import path from "node:path";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import * as schema from "./schema";
import { acquireDirectoryLock } from "./directory-lock";

// Queries take this type, so they run unchanged on PGlite, on Postgres and inside a `tx`.
export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;
export type DatabaseMode = "pglite" | "postgres";

export interface DatabaseHandle {
  db: Database;
  mode: DatabaseMode;
  close(): Promise<void>;
}

export const MIGRATIONS_FOLDER = path.join(process.cwd(), "drizzle");

/** Embedded Postgres (PGlite). `dataDir` undefined means in memory, for tests. */
export async function openPglite(dataDir?: string): Promise<DatabaseHandle> {
  const { PGlite } = await import("@electric-sql/pglite");
  // Contrib extensions ship as separate bundles; pg_trgm backs the activity name search index.
  const { pg_trgm } = await import("@electric-sql/pglite/contrib/pg_trgm");
  const { drizzle } = await import("drizzle-orm/pglite");
  const { migrate } = await import("drizzle-orm/pglite/migrator");

  // PGlite is one process per directory: a second writer corrupts it, so refuse loudly.
  const lock = dataDir ? acquireDirectoryLock(dataDir) : undefined;
  try {
    const client = await PGlite.create({ ...(dataDir ? { dataDir } : {}), extensions: { pg_trgm } });
    const db = drizzle({ client, schema, casing: "snake_case" });
    await migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
    return {
      db: db as unknown as Database,
      mode: "pglite",
      async close() {
        await client.close();
        lock?.release();
      },
    };
  } catch (error) {
    lock?.release();
    throw error;
  }
}

// Any 64-bit constant works; it only has to be the same in every process that migrates.
const MIGRATION_LOCK_ID = 7_240_318_155;

export async function openPostgres(url: string, options: { max?: number } = {}): Promise<DatabaseHandle> {
  const { default: postgres } = await import("postgres");
  const { drizzle } = await import("drizzle-orm/postgres-js");
  const { migrate } = await import("drizzle-orm/postgres-js/migrator");
  const { connectNoDelay } = await import("./no-delay-socket");

  // Two app processes starting together must not both migrate: hold a session-level
  // advisory lock while migrating, on a one-connection client so every statement shares it.
  const migrator = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await migrator`select pg_advisory_lock(${MIGRATION_LOCK_ID})`;
    await migrate(drizzle({ client: migrator, casing: "snake_case" }), { migrationsFolder: MIGRATIONS_FOLDER });
  } finally {
    await migrator.end({ timeout: 5 });
  }
  const sql = postgres(url, {
    max: options.max ?? 10,
    onnotice: () => {},
    // Not in postgres.js's types, but in its code (connection.js, createSocket).
    ...({ socket: connectNoDelay } as object),
  });
  const db = drizzle({ client: sql, schema, casing: "snake_case" });
  return {
    db: db as unknown as Database,
    mode: "postgres",
    close: () => sql.end({ timeout: 5 }),
  };
}
