import { asc, eq, sql } from "drizzle-orm";
import type { Database } from "../client";
import { users, type User } from "../schema";

/** Creates the user, or returns null when the email is taken (no half-created account). */
export async function createUserWithPassword(
  db: Database,
  params: { email: string; name?: string; passwordHash: string },
): Promise<User | null> {
  const [user] = await db
    .insert(users)
    .values({ email: params.email, name: params.name ?? null, passwordHash: params.passwordHash })
    .onConflictDoNothing({ target: users.email })
    .returning();
  return user ?? null;
}

export async function findUserByEmail(db: Database, params: { email: string }): Promise<User | null> {
  const [user] = await db.select().from(users).where(eq(users.email, params.email)).limit(1);
  return user ?? null;
}

export async function findUserById(db: Database, params: { userId: string }): Promise<User | null> {
  const [user] = await db.select().from(users).where(eq(users.id, params.userId)).limit(1);
  return user ?? null;
}

/** The account created first: the admin when QT_ADMIN_EMAILS names nobody. Ties (same instant) go by id. */
export async function findFirstUser(db: Database): Promise<Pick<User, "id"> | null> {
  const [user] = await db.select({ id: users.id }).from(users).orderBy(asc(users.createdAt), asc(users.id)).limit(1);
  return user ?? null;
}

/** Saves the person's units, time zone and height; touches no one else's row. */
export async function updateUserPreferences(
  db: Database,
  params: { userId: string } & Pick<User, "unitSystem" | "timeZone" | "heightM">,
): Promise<User | null> {
  const [user] = await db
    .update(users)
    .set({ unitSystem: params.unitSystem, timeZone: params.timeZone, heightM: params.heightM })
    .where(eq(users.id, params.userId))
    .returning();
  return user ?? null;
}

/**
 * Whether the database can bucket by this zone. ICU and Postgres keep separate copies of the
 * zone database; a name only one of them knows would break every page that groups by day.
 */
export async function isKnownTimeZone(db: Database, params: { name: string }): Promise<boolean> {
  const rows = await db
    .select({ name: sql<string>`name` })
    .from(sql`pg_timezone_names`)
    .where(sql`name = ${params.name}`)
    .limit(1);
  return rows.length > 0;
}

/** Ends every session issued so far: their tokens carry the old version. */
export async function bumpSessionVersion(db: Database, params: { userId: string }): Promise<void> {
  await db
    .update(users)
    .set({ sessionVersion: sql`${users.sessionVersion} + 1` })
    .where(eq(users.id, params.userId));
}

/** A new password ends every existing session, in the same statement. */
export async function updatePasswordHash(
  db: Database,
  params: { userId: string; passwordHash: string },
): Promise<void> {
  await db
    .update(users)
    .set({ passwordHash: params.passwordHash, sessionVersion: sql`${users.sessionVersion} + 1` })
    .where(eq(users.id, params.userId));
}
