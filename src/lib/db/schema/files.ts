import { index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { activities } from "./activities";
import { createdAt, id } from "./columns";

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
