import { cookies } from "next/headers";
import { cache } from "react";
import { redirect } from "next/navigation";
import { getDb } from "@/lib/db";
import type { User } from "@/lib/db/schema";
import { getAuthSecret } from "./secret";
import { SESSION_COOKIE_NAMES, readSessionCookie } from "./session-cookies";
import { findSessionUser } from "./session-token";

/**
 * The signed-in user, checked against the database (a JWT can outlive its user or a sign-out).
 * Once per page render: the dashboard's layout and its page both ask (React's `cache` is
 * scoped to one server render, so a server action still reads the user afresh).
 */
export const getCurrentUser = cache(async (): Promise<User | null> => {
  const store = await cookies();
  const sessionToken = SESSION_COOKIE_NAMES.map((name) => store.get(name)?.value).find(Boolean);
  return findSessionUser(await getDb(), { sessionToken, secret: getAuthSecret() });
});

/** The same for a route handler that has the Request in hand (and code outside Next's request scope). */
export async function getRequestUser(request: Request): Promise<User | null> {
  return findSessionUser(await getDb(), {
    sessionToken: readSessionCookie(request.headers.get("cookie")),
    secret: getAuthSecret(),
  });
}

export async function requireUser(): Promise<User> {
  const user = await getCurrentUser();
  if (!user) redirect("/sign-in");
  return user;
}
