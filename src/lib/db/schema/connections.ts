import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { createdAt, id, updatedAt } from "./columns";

export const AUTH_KINDS = ["oauth2", "oauth1", "credentials", "webhook"] as const;
export const CONNECTION_STATUSES = ["active", "syncing", "needs_reauth", "revoked", "error"] as const;

export type ConnectionCursors = Record<string, string>;

/** Choices a person made for one connection (validated where read). */
export interface ConnectionSettings {
  /** How far back to request history: days, or "all" the provider allows. */
  historyDays?: number | "all";
}

/**
 * How one stream (a provider's data type) last ended. ok: synced; refused: the provider
 * answered a 4xx that retrying cannot fix, so later syncs skip it until the person asks again;
 * failed: it sent a page we could not read (tried again next sync, a fixed release reads it);
 * skipped: not run, because it was refused before (only on jobs).
 */
export type StreamState = "ok" | "refused" | "failed" | "skipped";
export interface StreamStatus {
  state: StreamState;
  /** The provider's own words (refused) or what was wrong with the page (failed). */
  message?: string;
  /** The HTTP status of the refusal. */
  httpStatus?: number;
  /** ISO time it ended so. */
  at: string;
}
export type StreamStatuses = Record<string, StreamStatus>;

export const providerConnections = pgTable(
  "provider_connections",
  {
    id: id(),
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    provider: text().notNull(),
    externalUserId: text().notNull(),
    label: text(),
    authKind: text({ enum: AUTH_KINDS }).notNull(),
    // AES-256-GCM ciphertext of the token/credential JSON (lib/crypto); never plaintext.
    encryptedCredentials: text(),
    // Accounts linked with the person's own password (authKind "credentials"): the username and
    // password, AES-256-GCM sealed, kept only when they ticked "sign in again automatically".
    encryptedLogin: text(),
    expiresAt: timestamp({ withTimezone: true }),
    scopes: text().array().notNull().default([]),
    status: text({ enum: CONNECTION_STATUSES }).notNull().default("active"),
    lastError: text(),
    lastSyncedAt: timestamp({ withTimezone: true }),
    // The last provider push naming this account: tells a silent webhook from a quiet account.
    lastPushAt: timestamp({ withTimezone: true }),
    cursors: jsonb().$type<ConnectionCursors>().notNull().default({}),
    settings: jsonb().$type<ConnectionSettings>().notNull().default({}),
    // Per stream key, how it last ended; a refused one is skipped until the person asks again.
    streamStatus: jsonb().$type<StreamStatuses>().notNull().default({}),
    // After a provider refused us with 429 (credential-linked accounts back off hard): no request
    // goes out until then. pauseLevel counts the 429s in a row, and each one doubles the pause.
    pausedUntil: timestamp({ withTimezone: true }),
    pauseLevel: integer().notNull().default(0),
    // The person's stop switch: while set, no sync runs and nothing is asked of the provider.
    syncStoppedAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    // One row per linked account: a person may link two Garmin accounts, never the same one twice.
    uniqueIndex("provider_connections_account_unique").on(table.userId, table.provider, table.externalUserId),
    // Webhooks arrive keyed by the provider's user id.
    index("provider_connections_external_idx").on(table.provider, table.externalUserId),
  ],
);

export type ProviderConnection = typeof providerConnections.$inferSelect;
