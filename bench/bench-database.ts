import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { getTestServerUrl, withDatabase } from "../tests/postgres-url";

/** A throwaway Postgres database for one benchmark run, dropped whatever happens. */
export async function withBenchDatabase<T>(run: (url: string) => Promise<T>): Promise<T> {
  const serverUrl = getTestServerUrl();
  const database = `qt_bench_${randomBytes(4).toString("hex")}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${database}`);
  try {
    return await run(withDatabase(serverUrl, database));
  } finally {
    await admin.unsafe(`drop database if exists ${database} with (force)`);
    await admin.end();
  }
}
