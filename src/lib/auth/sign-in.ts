import type { Database } from "@/lib/db";
import { findUserByEmail } from "@/lib/db/queries/users";
import { signInSchema } from "./credentials-schema";
import { hashPassword, verifyPassword } from "./password";

// Hashing a throwaway password for unknown emails keeps the reply time the same whether
// or not an account exists, so sign-in cannot be used to probe for addresses.
let decoyHash: Promise<string> | undefined;

export async function verifyCredentials(db: Database, input: unknown): Promise<{ id: string; email: string; name: string | null } | null> {
  const parsed = signInSchema.safeParse(input);
  if (!parsed.success) return null;
  const user = await findUserByEmail(db, { email: parsed.data.email });
  if (!user?.passwordHash) {
    decoyHash ??= hashPassword("decoy password for timing");
    await verifyPassword(parsed.data.password, await decoyHash);
    return null;
  }
  if (!(await verifyPassword(parsed.data.password, user.passwordHash))) return null;
  return { id: user.id, email: parsed.data.email, name: user.name };
}
