import { sql } from "drizzle-orm";
import { index, integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { apiKeys } from "./api-keys";
import { bytea, id } from "./columns";

// Every pushed body is kept (gzip) before it is parsed: nothing received is lost, and a
// receipt can be replayed after a parser fix. A provider's push (Garmin's) may carry several
// people's data: it has no user, its jobs say whose rows it became.
export const ingestReceipts = pgTable(
  "ingest_receipts",
  {
    id: id(),
    userId: text().references(() => users.id, { onDelete: "cascade" }),
    apiKeyId: uuid().references(() => apiKeys.id, { onDelete: "set null" }),
    format: text().notNull(),
    contentType: text(),
    bodyBytes: integer().notNull(),
    bodyGzip: bytea().notNull(),
    status: text({ enum: ["received", "processed", "failed"] })
      .notNull()
      .default("received"),
    counts: jsonb().$type<Record<string, Record<string, number>>>(),
    /** How the request asked to be read (HAE's automation-aggregation header), so a replay reads it the same way. */
    options: jsonb().$type<{ aggregation?: string }>(),
    error: text(),
    receivedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    processedAt: timestamp({ withTimezone: true }),
  },
  (table) => [
    index("ingest_receipts_user_idx").on(table.userId, table.receivedAt),
    // Start-up looks for bodies a stopped process never finished: few rows, found without a scan.
    index("ingest_receipts_unfinished_idx")
      .on(table.receivedAt)
      .where(sql`status = 'received'`),
  ],
);
