import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPglite, openPostgres } from "@/lib/db/client";
import { getTestServerUrl, withDatabase } from "../postgres-url";
import journal from "../../drizzle/meta/_journal.json";

const TABLES = [
  "users",
  "accounts",
  "verification_tokens",
  "api_keys",
  "provider_connections",
  "activities",
  "sleep_sessions",
  "daily_summaries",
  "body_measurements",
  "samples",
  "activity_files",
  "original_file_fetches",
  "sync_jobs",
  "ingest_receipts",
  "oauth_states",
  "provider_webhook_secrets",
];

async function listTables(db: Awaited<ReturnType<typeof openPglite>>["db"]) {
  const result = await db.execute<{ table_name: string }>(
    sql`select table_name from information_schema.tables where table_schema = 'public' order by 1`,
  );
  const rows = Array.isArray(result) ? result : (result as unknown as { rows: { table_name: string }[] }).rows;
  return rows.map((row) => row.table_name);
}

describe("migrations", () => {
  const serverUrl = getTestServerUrl();
  const database = `qt_migrate_${Date.now()}_${randomBytes(3).toString("hex")}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });

  beforeAll(async () => {
    await admin.unsafe(`create database ${database}`);
  });
  afterAll(async () => {
    await admin.unsafe(`drop database if exists ${database} with (force)`);
    await admin.end();
  });

  it("creates the whole data model on PGlite", async () => {
    const handle = await openPglite();
    try {
      expect(await listTables(handle.db)).toEqual(expect.arrayContaining(TABLES));
    } finally {
      await handle.close();
    }
  });

  it("lets two processes start at once on an empty Postgres: one migrates, both work", async () => {
    const url = withDatabase(serverUrl, database);
    const handles = await Promise.all([openPostgres(url, { max: 2 }), openPostgres(url, { max: 2 })]);
    try {
      for (const handle of handles) expect(await listTables(handle.db)).toEqual(expect.arrayContaining(TABLES));
    } finally {
      await Promise.all(handles.map((handle) => handle.close()));
    }
    // Opening again applies nothing new and keeps one row per migration.
    const again = await openPostgres(url, { max: 1 });
    try {
      const result = await again.db.execute<{ n: number }>(
        sql`select count(*)::int as n from drizzle.__drizzle_migrations`,
      );
      const rows = Array.isArray(result) ? result : (result as unknown as { rows: { n: number }[] }).rows;
      expect(rows[0]?.n).toBe(journal.entries.length);
    } finally {
      await again.close();
    }
  });
});
