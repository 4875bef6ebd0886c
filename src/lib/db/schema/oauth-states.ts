import { index, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { createdAt } from "./columns";

// A pending OAuth handshake. Single-use (usedAt), bound to one user and provider, short-lived.
export const oauthStates = pgTable(
  "oauth_states",
  {
    // SHA-256 of the state sent to the provider: a leaked table row cannot finish a flow.
    stateHash: text().primaryKey(),
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    provider: text().notNull(),
    label: text(),
    // Encrypted (lib/crypto): the PKCE verifier or OAuth 1.0a request-token secret.
    encryptedSecret: text(),
    redirectUri: text().notNull(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    usedAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
  },
  (table) => [index("oauth_states_expires_idx").on(table.expiresAt)],
);
