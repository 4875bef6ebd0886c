import { getCurrentUser } from "@/lib/auth/session";
import type { User } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";

/** The signed-in user for a JSON API route; 401 (not a redirect) when there is none. */
export async function requireApiUser(): Promise<User> {
  const user = await getCurrentUser();
  if (!user) throw new AppError("UNAUTHORIZED", "Sign in first.");
  return user;
}
