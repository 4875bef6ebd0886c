import { boolean, pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { updatedAt } from "./columns";

/**
 * A person's choice, per source, of whether AI tools (the MCP server) may read its data. Only
 * choices are stored: a source without a row follows its provider's default (lib/mcp/ai-sharing.ts),
 * so a newly connected source needs no row and a changed default reaches everyone who never chose.
 */
export const aiSourceSharing = pgTable(
  "ai_source_sharing",
  {
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    provider: text().notNull(),
    isAllowed: boolean().notNull(),
    updatedAt: updatedAt(),
  },
  (table) => [primaryKey({ columns: [table.userId, table.provider] })],
);
