import { eq } from "drizzle-orm";
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
