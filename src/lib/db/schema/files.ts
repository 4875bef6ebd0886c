import { integer, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { activities } from "./activities";
import { bytea, createdAt, id } from "./columns";

export const activityFiles = pgTable(
  "activity_files",
  {
    id: id(),
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    activityId: uuid().references(() => activities.id, { onDelete: "set null" }),
    // SHA-256 of the bytes: the same file uploaded twice is stored once.
    contentHash: text().notNull(),
    format: text({ enum: ["fit", "gpx", "tcx"] }).notNull(),
    fileName: text(),
    sizeBytes: integer().notNull(),
    data: bytea().notNull(),
    createdAt: createdAt(),
  },
  (table) => [uniqueIndex("activity_files_user_hash_unique").on(table.userId, table.contentHash)],
);
