import { decode, type JWT } from "next-auth/jwt";
import type { Database } from "@/lib/db";
import { findUserById } from "@/lib/db/queries/users";
import type { User } from "@/lib/db/schema";

export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;

async function findTokenUser(db: Database, token: JWT): Promise<User | null> {
  if (!token.sub) return null;
  const user = await findUserById(db, { userId: token.sub });
  // Sign-out, "sign out everywhere" and a new password raise the version (events.signOut, users.ts).
  return user && user.sessionVersion === (token.sessionVersion ?? 0) ? user : null;
}

/** Whether a decoded token still stands: its user exists and has not ended it since. */
export async function isSessionCurrent(db: Database, token: JWT): Promise<boolean> {
  return (await findTokenUser(db, token)) !== null;
}

/**
 * The user behind a session cookie's value, checked against the database on every request:
 * a JWT is valid for 30 days on its own, but it must not outlive its user or a sign-out.
 */
export async function findSessionUser(
  db: Database,
  params: { sessionToken: string | undefined; secret: string },
): Promise<User | null> {
  if (!params.sessionToken) return null;
  const token = await decode({ token: params.sessionToken, secret: params.secret }).catch(() => null);
  return token ? findTokenUser(db, token) : null;
}
