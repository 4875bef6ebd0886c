import type { Database } from "../client";
import { copyFromStdin, postgresClientOf } from "../copy-from-stdin";

const COPY_SAMPLES =
  "copy samples (user_id, provider, source_id, metric, time, end_time, value, unit, meta) from stdin (format binary)";

/**
 * Stores samples that are expected to be new with one binary COPY (see samples-copy-binary.ts),
 * which costs Postgres about half a plain INSERT of the same rows. Under a savepoint: if any row
 * already exists the whole slice is undone (unique_violation) and false says so, for the caller
 * to upsert it instead. A concurrent writer of the same rows makes this wait for it and then
 * fail over, never duplicate. Null on PGlite, which has no COPY FROM STDIN.
 */
export async function copyNewSamples(db: Database, encode: () => Buffer): Promise<boolean | null> {
  if (!postgresClientOf(db)) return null;
  try {
    await db.transaction(async (savepoint) => {
      await copyFromStdin(postgresClientOf(savepoint)!, COPY_SAMPLES, encode());
    });
    return true;
  } catch (error) {
    if (isUniqueViolation(error)) return false;
    throw error;
  }
}

export const isUniqueViolation = (error: unknown): boolean =>
  typeof error === "object" &&
  error !== null &&
  ((error as { code?: unknown }).code === "23505" || isUniqueViolation((error as { cause?: unknown }).cause));
