import type { Database } from "@/lib/db";
import { createUserWithPassword } from "@/lib/db/queries/users";
import { signUpSchema } from "./credentials-schema";
import { hashPassword } from "./password";
import type { AttemptContext } from "./sign-in";
import { countSignUpAttempt, forgiveSignUpAttempt, TooManyAttemptsError } from "./throttle";

type SignUpField = "name" | "email" | "password";

export type SignUpResult =
  | { ok: true; userId: string; email: string }
  | { ok: false; fieldErrors: Partial<Record<SignUpField, string>>; formError?: string };

export async function signUpWithPassword(db: Database, input: unknown, context: AttemptContext): Promise<SignUpResult> {
  const parsed = signUpSchema.safeParse(input);
  if (!parsed.success) {
    const fieldErrors: Partial<Record<SignUpField, string>> = {};
    for (const issue of parsed.error.issues) {
      const field = issue.path[0] as SignUpField;
      fieldErrors[field] ??= issue.message;
    }
    return { ok: false, fieldErrors };
  }
  // "Already exists" is worth saying to a person, so it is rationed instead of hidden:
  // probing many addresses runs into the same limit as guessing passwords.
  const attempt = { client: context.client, now: context.now ?? new Date() };
  try {
    await countSignUpAttempt(db, attempt);
  } catch (error) {
    if (error instanceof TooManyAttemptsError) return { ok: false, fieldErrors: {}, formError: error.message };
    throw error;
  }
  const { email, name, password } = parsed.data;
  const user = await createUserWithPassword(db, { email, name, passwordHash: await hashPassword(password) });
  if (!user)
    return { ok: false, fieldErrors: { email: "An account with this email already exists. Sign in instead." } };
  await forgiveSignUpAttempt(db, attempt);
  return { ok: true, userId: user.id, email };
}
