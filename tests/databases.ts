import { afterAll, beforeAll, describe, inject } from "vitest";
import { openPglite, openPostgres, type Database, type DatabaseHandle } from "@/lib/db/client";

export type TestDatabase = { readonly db: Database; readonly mode: DatabaseHandle["mode"] };

/**
 * Runs a suite once on PGlite (in memory) and once on the run's Postgres database, the two
 * modes the app ships with. Suites share the Postgres database, so each test makes its own users.
 */
export function describeEachDatabase(name: string, suite: (database: TestDatabase) => void) {
  const modes = [
    ["pglite", () => openPglite()],
    ["postgres", () => openPostgres(inject("postgresUrl"), { max: 4 })],
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
