import { getEnv } from "@/env";
import type { Database } from "@/lib/db";
import { findFirstUser } from "@/lib/db/queries/users";
import type { User } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";

/**
 * Who runs this install: the people QT_ADMIN_EMAILS names, or, when it names nobody, whoever
 * signed up first (the person who set the app up). Admins set up provider apps; nothing else
 * about an account changes.
 */
export async function isAdmin(db: Database, user: Pick<User, "id" | "email">): Promise<boolean> {
  const named = getEnv().QT_ADMIN_EMAILS;
  if (named?.length) return Boolean(user.email) && named.includes(user.email!.toLowerCase());
  return (await findFirstUser(db))?.id === user.id;
}

/** For admin-only actions: a FORBIDDEN AppError (403) for everyone else. */
export async function requireAdmin(db: Database, user: Pick<User, "id" | "email">): Promise<void> {
  if (!(await isAdmin(db, user))) throw new AppError("FORBIDDEN", "Only an admin of this QT.run can do this.");
}
