import { sql } from "drizzle-orm";
import { index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { activities } from "./activities";
import { createdAt, id, updatedAt } from "./columns";
import { providerConnections } from "./connections";

// The index of original activity files. The bytes live in the file store (src/lib/files/store.ts,
// `.data/files/` by default), addressed by their SHA-256, so Postgres stays small and a file
// stored twice is kept once per user.
export const activityFiles = pgTable(
  "activity_files",
  {
    id: id(),
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    // Null for a file whose activity was deleted, or an upload not yet matched.
    activityId: uuid().references(() => activities.id, { onDelete: "set null" }),
    contentHash: text().notNull(),
    format: text({ enum: ["fit", "gpx", "tcx"] }).notNull(),
    // Where the bytes came from: a provider's original download, or the person's own upload.
    origin: text({ enum: ["provider", "upload"] }).notNull(),
    // The source slug that handed it over ("garmin", "polar", "upload", …).
    source: text().notNull(),
    fileName: text(),
    sizeBytes: integer().notNull(),
    // When the file's own recording starts, where the parser could tell (uploads, export names).
    startAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
  },
  (table) => [
    uniqueIndex("activity_files_user_hash_unique").on(table.userId, table.contentHash),
    index("activity_files_activity_idx").on(table.activityId),
  ],
);

export type ActivityFile = typeof activityFiles.$inferSelect;

export const ORIGINAL_FILE_STATES = ["pending", "stored", "expired", "withheld", "unavailable"] as const;

// Every original file a provider offered for a connection's activities, and how fetching it
// went: which activities still lack their original. pending: due (again, after `attempts`
// failures); stored: in activity_files (file_id); expired: the URL is spent (Garmin's 410) until
// a fresh one arrives; withheld: the grant lacks a permission the files need, until one has it;
// unavailable: the provider will not give it. `message` says why.
export const originalFileFetches = pgTable(
  "original_file_fetches",
  {
    id: id(),
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    connectionId: uuid()
      .notNull()
      .references(() => providerConnections.id, { onDelete: "cascade" }),
    provider: text().notNull(),
    // activities.external_id: the file may arrive before its activity (Garmin), or after.
    activityExternalId: text().notNull(),
    // Which of the activity's files: its format, or a triathlon leg's own key.
    fileKey: text().notNull(),
    format: text({ enum: ["fit", "gpx", "tcx"] }).notNull(),
    url: text().notNull(),
    state: text({ enum: ORIGINAL_FILE_STATES }).notNull(),
    attempts: integer().notNull().default(0),
    message: text(),
    fileId: uuid().references(() => activityFiles.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    uniqueIndex("original_file_fetches_file_unique").on(table.connectionId, table.activityExternalId, table.fileKey),
    // The sync's questions: what is due for this connection, and what waits for a wider grant.
    index("original_file_fetches_due_idx")
      .on(table.connectionId, table.createdAt)
      .where(sql`${table.state} in ('pending', 'withheld')`),
  ],
);

export type OriginalFileFetch = typeof originalFileFetches.$inferSelect;
