import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { afterAll, beforeAll, describe, inject } from "vitest";
import { openPglite, openPostgres, type Database, type DatabaseHandle } from "@/lib/db/client";
import { getTestServerUrl, withDatabase } from "./postgres-url";

export type TestDatabase = { readonly db: Database; readonly mode: DatabaseHandle["mode"] };

/**
 * Runs a suite once on PGlite (in memory) and once on the run's Postgres database, the two
 * modes the app ships with. Suites share the Postgres database, so each test makes its own users.
 * `isOwnDatabase`: the suite gets a Postgres database of its own instead, for state that is
 * global by design (a provider's app-wide rate-limit pause) and must not reach other files.
 */
export function describeEachDatabase(
  name: string,
  suite: (database: TestDatabase) => void,
  options: { isOwnDatabase?: boolean } = {},
) {
  const modes = [
    ["pglite", () => openPglite()],
    ["postgres", () => (options.isOwnDatabase ? openOwnPostgres() : openPostgres(inject("postgresUrl"), { max: 4 }))],
  ] as const;

  for (const [mode, open] of modes) {
    describe(`${name} [${mode}]`, () => {
      let handle: DatabaseHandle | undefined;
      beforeAll(async () => {
        handle = await open();
      });
      afterAll(async () => {
        await handle?.close();
      });
      suite({
        get db() {
          if (!handle) throw new Error("database not open yet");
          return handle.db;
        },
        mode,
      });
    });
  }
}

async function openOwnPostgres(): Promise<DatabaseHandle> {
  const admin = postgres(getTestServerUrl(), { max: 1, onnotice: () => {} });
  const database = `qt_own_${Date.now()}_${randomBytes(3).toString("hex")}`;
  await admin.unsafe(`create database ${database}`);
  const handle = await openPostgres(withDatabase(getTestServerUrl(), database), { max: 4 });
  return {
    ...handle,
    async close() {
      await handle.close();
      await admin.unsafe(`drop database if exists ${database} with (force)`);
      await admin.end();
    },
  };
}
