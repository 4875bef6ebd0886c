import type { Database } from "@/lib/db";
import { createUserWithPassword } from "@/lib/db/queries/users";
import { signUpSchema } from "./credentials-schema";
import { hashPassword } from "./password";

export type SignUpResult =
  | { ok: true; userId: string; email: string }
  | { ok: false; fieldErrors: Partial<Record<"name" | "email" | "password", string>> };

export async function signUpWithPassword(db: Database, input: unknown): Promise<SignUpResult> {
  const parsed = signUpSchema.safeParse(input);
  if (!parsed.success) {
    const fieldErrors: Partial<Record<"name" | "email" | "password", string>> = {};
    for (const issue of parsed.error.issues) {
      const field = issue.path[0] as "name" | "email" | "password";
      fieldErrors[field] ??= issue.message;
    }
    return { ok: false, fieldErrors };
  }
  const { email, name, password } = parsed.data;
  const user = await createUserWithPassword(db, { email, name, passwordHash: await hashPassword(password) });
  if (!user) return { ok: false, fieldErrors: { email: "An account with this email already exists. Sign in instead." } };
  return { ok: true, userId: user.id, email };
}
