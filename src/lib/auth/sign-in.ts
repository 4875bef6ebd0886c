import type { Database } from "@/lib/db";
import { findUserByEmail } from "@/lib/db/queries/users";
import { signInSchema } from "./credentials-schema";
import { hashPassword, verifyPassword } from "./password";
import { countSignInAttempt, forgiveSignInAttempt } from "./throttle";

export type SignedInUser = { id: string; email: string; name: string | null; sessionVersion: number };
/** Who is trying: the client address (clientAddress()) and, for tests, the clock. */
export type AttemptContext = { client: string; now?: Date };

// Hashing a throwaway password for unknown emails keeps the reply time the same whether
// or not an account exists, so sign-in cannot be used to probe for addresses.
let decoyHash: Promise<string> | undefined;

/**
 * The user for a correct email and password, null otherwise. Throws TooManyAttemptsError once
 * the account or the client address has guessed too often, whatever the password.
 */
export async function verifyCredentials(
  db: Database,
  input: unknown,
  context: AttemptContext,
): Promise<SignedInUser | null> {
  const parsed = signInSchema.safeParse(input);
  if (!parsed.success) return null;
  const attempt = { email: parsed.data.email, client: context.client, now: context.now ?? new Date() };
  await countSignInAttempt(db, attempt);
  const user = await findUserByEmail(db, { email: parsed.data.email });
  if (!user?.passwordHash) {
    decoyHash ??= hashPassword("decoy password for timing");
    await verifyPassword(parsed.data.password, await decoyHash);
    return null;
  }
  if (!(await verifyPassword(parsed.data.password, user.passwordHash))) return null;
  await forgiveSignInAttempt(db, attempt);
  return { id: user.id, email: parsed.data.email, name: user.name, sessionVersion: user.sessionVersion };
}
