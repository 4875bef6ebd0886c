import { index, jsonb, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
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
    expiresAt: timestamp({ withTimezone: true }),
    scopes: text().array().notNull().default([]),
    status: text({ enum: CONNECTION_STATUSES }).notNull().default("active"),
    lastError: text(),
    lastSyncedAt: timestamp({ withTimezone: true }),
    // The last provider push naming this account: tells a silent webhook from a quiet account.
    lastPushAt: timestamp({ withTimezone: true }),
    cursors: jsonb().$type<ConnectionCursors>().notNull().default({}),
    settings: jsonb().$type<ConnectionSettings>().notNull().default({}),
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
