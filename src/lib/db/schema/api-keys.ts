import { index, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { createdAt } from "./columns";

export const apiKeys = pgTable(
  "api_keys",
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    name: text().notNull(),
    // What the person sees in lists ("qt_ab12…"); the key itself is shown once and never stored.
    prefix: text().notNull(),
    keyHash: text().notNull(),
    // What the key may do (auth/api-key-scopes.ts). Keys made before scopes existed only ever
    // pushed phone data, so the column's default makes them `ingest` keys and nothing more.
    scopes: text().array().notNull().default(["ingest"]),
    lastUsedAt: timestamp({ withTimezone: true }),
    revokedAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
  },
  (table) => [uniqueIndex("api_keys_key_hash_unique").on(table.keyHash), index("api_keys_user_idx").on(table.userId)],
);
