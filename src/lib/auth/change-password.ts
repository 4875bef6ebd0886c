import { z } from "zod";
import type { Database } from "@/lib/db";
import { updatePasswordHash } from "@/lib/db/queries/users";
import type { User } from "@/lib/db/schema";
import { newPasswordSchema } from "./credentials-schema";
import { hashPassword } from "./password";
import { verifyCredentials, type AttemptContext } from "./sign-in";
import { TooManyAttemptsError } from "./throttle";

export const changePasswordSchema = z.object({
  currentPassword: z
    .string({ message: "Enter your current password." })
    .min(1, { message: "Enter your current password." })
    .max(200),
  newPassword: newPasswordSchema,
});

type ChangePasswordField = keyof z.infer<typeof changePasswordSchema>;
export type ChangePasswordResult =
  { ok: true } | { ok: false; fieldErrors: Partial<Record<ChangePasswordField, string>> };

/**
 * Sets a new password once the current one is proven, and ends every session (this one too):
 * whoever learnt the old password may already hold a session. Guesses at the current password
 * count against the same limit as sign-in.
 */
export async function changePassword(
  db: Database,
  user: Pick<User, "id" | "email">,
  input: unknown,
  context: AttemptContext,
): Promise<ChangePasswordResult> {
  const parsed = changePasswordSchema.safeParse(input);
  if (!parsed.success) {
    const fieldErrors: Partial<Record<ChangePasswordField, string>> = {};
    for (const issue of parsed.error.issues) fieldErrors[issue.path[0] as ChangePasswordField] ??= issue.message;
    return { ok: false, fieldErrors };
  }
  const verified = await verifyCredentials(
    db,
    { email: user.email ?? "", password: parsed.data.currentPassword },
    context,
  ).catch((error: unknown) => {
    if (error instanceof TooManyAttemptsError) return error;
    throw error;
  });
  if (verified instanceof TooManyAttemptsError)
    return { ok: false, fieldErrors: { currentPassword: verified.message } };
  if (!verified || verified.id !== user.id)
    return { ok: false, fieldErrors: { currentPassword: "That is not your current password." } };
  await updatePasswordHash(db, { userId: user.id, passwordHash: await hashPassword(parsed.data.newPassword) });
  return { ok: true };
}
