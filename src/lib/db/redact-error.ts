// A failed statement's error carries the statement and its parameters (postgres.js: `query`,
// `parameters`; PGlite: `query`, `params`; drizzle's wrapper prints both into its message) and
// Postgres' `detail` repeats the row ("Failing row contains (…)"). On an ingest those are a
// person's health data, so neither reaches a log line or a receipt.

const SQLSTATE = /^[0-9A-Z]{5}$/;

interface PostgresLike {
  code: string;
  message: string;
}

/** A database failure reduced to its SQLSTATE and Postgres' own message. */
export class DatabaseFailure extends Error {
  constructor(
    readonly code: string | undefined,
    message: string,
  ) {
    super(code ? `Database error ${code}: ${message}` : `Database error: ${message}`);
    this.name = "DatabaseFailure";
  }
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null;
const carriesStatement = (error: Record<string, unknown>) =>
  "query" in error || "params" in error || "parameters" in error;

function postgresError(error: Record<string, unknown>): PostgresLike | undefined {
  // `severity` tells Postgres' errors (both drivers) from Node's five-letter ones such as EPIPE.
  const isPostgres =
    typeof error.code === "string" &&
    SQLSTATE.test(error.code) &&
    typeof error.message === "string" &&
    "severity" in error;
  return isPostgres ? (error as unknown as PostgresLike) : undefined;
}

// Data exceptions (class 22) quote the offending value: `value "3000000000" is out of range for type integer`.
const withoutValues = ({ code, message }: PostgresLike) =>
  code.startsWith("22") ? message.replace(/"[^"]*"/g, '"…"') : message;

/**
 * `error` itself when no database error is in its cause chain; otherwise a DatabaseFailure
 * with only the SQLSTATE and the message (values quoted in data exceptions removed).
 */
export function redactDatabaseError(error: unknown): unknown {
  let isDatabase = false;
  for (let link: unknown = error, hops = 0; isObject(link) && hops < 10; link = link.cause, hops++) {
    isDatabase ||= carriesStatement(link);
    const source = postgresError(link);
    if (source) return new DatabaseFailure(source.code, withoutValues(source));
  }
  return isDatabase ? new DatabaseFailure(undefined, "a statement failed") : error;
}
