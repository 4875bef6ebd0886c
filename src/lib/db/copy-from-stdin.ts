import { finished } from "node:stream/promises";
import { is } from "drizzle-orm";
import { PostgresJsSession } from "drizzle-orm/postgres-js/session";
import type { Sql } from "postgres";
import type { Database } from "./client";

/** The postgres.js client behind a database or transaction, or null on PGlite (which has no COPY FROM STDIN). */
export function postgresClientOf(db: Database): Sql | null {
  const session = db._.session;
  return is(session, PostgresJsSession) ? (session.client as Sql) : null;
}

type Settle = (error: unknown) => void;

/**
 * Runs `statement` (a `COPY … FROM STDIN`) with `data` as its input and resolves once Postgres
 * has stored every row, or rejects with Postgres's error.
 *
 * postgres.js 3.4 never settles a COPY whose error arrives after the input was ended (a unique
 * violation found in the last rows, porsager/postgres#1173): its stream waits forever. The
 * error still reaches the query's own `reject`, so that is where it is caught.
 */
export async function copyFromStdin(client: Sql, statement: string, data: Buffer): Promise<void> {
  const query = client.unsafe(statement);
  const failed = new Promise<never>((_, reject) => {
    const internal = query as unknown as { reject: Settle };
    const original = internal.reject;
    internal.reject = (error) => {
      reject(error);
      original(error);
    };
  });
  failed.catch(() => {});
  const writable = await Promise.race([query.writable(), failed]);
  writable.end(data);
  await Promise.race([finished(writable), failed]);
}
