import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { getDb } from "@/lib/db";
import { findUserById } from "@/lib/db/queries/users";
import type { User } from "@/lib/db/schema";
import { getAuthOptions } from "./options";

/** The signed-in user, checked against the database (a JWT can outlive its user). */
export async function getCurrentUser(): Promise<User | null> {
  const session = await getServerSession(await getAuthOptions());
  const userId = session?.user?.id;
  if (!userId) return null;
  return findUserById(await getDb(), { userId });
}

export async function requireUser(): Promise<User> {
  const user = await getCurrentUser();
  if (!user) redirect("/sign-in");
  return user;
}
