import { pgTable, text } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { createdAt, updatedAt } from "./columns";

// A provider's OAuth client (client id and secret) as an admin entered it in Settings → Provider
// apps. App-level, not per user. The environment's <SLUG>_CLIENT_ID / _CLIENT_SECRET still win
// (providers/client-credentials.ts), so an operator can always pin them.
export const providerApps = pgTable("provider_apps", {
  // The registry slug; one client per provider.
  provider: text().primaryKey(),
  // Not a secret (it travels in every authorize URL), so kept readable for the settings page.
  clientId: text().notNull(),
  // AES-256-GCM ciphertext (lib/crypto); never plaintext, never sent to a browser.
  encryptedClientSecret: text().notNull(),
  // Who saved it last; kept when that account is deleted, as an audit hint only.
  updatedBy: text().references(() => users.id, { onDelete: "set null" }),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export type ProviderApp = typeof providerApps.$inferSelect;
