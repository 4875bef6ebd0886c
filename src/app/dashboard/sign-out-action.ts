"use server";

import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { getCurrentUser } from "@/lib/auth/session";
import { SESSION_COOKIE_NAMES } from "@/lib/auth/session-cookies";
import { getDb } from "@/lib/db";
import { bumpSessionVersion } from "@/lib/db/queries/users";

/**
 * Sign out as next-auth's own sign-out does it (its events.signOut raises the session version,
 * so a copied cookie stops working; the cookie is cleared), without shipping next-auth's
 * client library to every dashboard page for one button.
 */
export async function signOutAction(): Promise<never> {
  const user = await getCurrentUser();
  if (user) await bumpSessionVersion(await getDb(), { userId: user.id });
  const store = await cookies();
  // A __Secure- cookie can only be replaced (here: expired) by a Secure one.
  for (const name of SESSION_COOKIE_NAMES)
    if (store.has(name)) store.delete({ name, path: "/", secure: name.startsWith("__Secure-") });
  redirect("/sign-in");
}
