import { doublePrecision, integer, pgTable, primaryKey, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { createdAt } from "./columns";

export const UNIT_SYSTEMS = ["metric", "imperial"] as const;

// Column keys follow what @auth/drizzle-adapter expects (id, email, emailVerified, …).
export const users = pgTable(
  "users",
  {
    id: text()
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    name: text(),
    // Nullable: someone who signs in with Strava has no email we know of.
    email: text(),
    emailVerified: timestamp({ withTimezone: true, mode: "date" }),
    image: text(),
    passwordHash: text(),
    unitSystem: text({ enum: UNIT_SYSTEMS }).notNull().default("metric"),
    // IANA name (Europe/Berlin): where this person's days and weeks start.
    timeZone: text().notNull().default("UTC"),
    // Metres; set in Preferences. BMI for weigh-ins whose source gives none and that no
    // provider height covers (lib/weight/bmi.ts).
    heightM: doublePrecision(),
    // Every session token carries the version it was issued under; bumping it (sign-out,
    // "sign out everywhere", a new password) ends every session issued before.
    sessionVersion: integer().notNull().default(0),
    createdAt: createdAt(),
  },
  (table) => [uniqueIndex("users_email_unique").on(table.email)],
);

export const accounts = pgTable(
  "accounts",
  {
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    type: text().$type<"oauth" | "oidc" | "email" | "webauthn">().notNull(),
    provider: text().notNull(),
    providerAccountId: text().notNull(),
    // Sign-in accounts never keep provider tokens (see lib/auth/adapter.ts); the columns
    // exist because the adapter's contract names them.
    refresh_token: text(),
    access_token: text(),
    expires_at: integer(),
    token_type: text(),
    scope: text(),
    id_token: text(),
    session_state: text(),
  },
  (table) => [primaryKey({ columns: [table.provider, table.providerAccountId] })],
);

export const verificationTokens = pgTable(
  "verification_tokens",
  {
    identifier: text().notNull(),
    token: text().notNull(),
    expires: timestamp({ withTimezone: true, mode: "date" }).notNull(),
  },
  (table) => [primaryKey({ columns: [table.identifier, table.token] })],
);

export type User = typeof users.$inferSelect;
