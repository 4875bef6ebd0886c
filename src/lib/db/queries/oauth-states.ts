import { and, eq, isNull, lt } from "drizzle-orm";
import type { Database } from "../client";
import { oauthStates } from "../schema";

export type OAuthStateRow = typeof oauthStates.$inferSelect;

export async function insertOAuthState(db: Database, params: typeof oauthStates.$inferInsert): Promise<void> {
  await db.insert(oauthStates).values(params);
}

/**
 * Marks the state used and returns it, in one statement: of two callbacks racing with the
 * same state, exactly one gets the row. A row already used (or unknown) returns null.
 */
export async function spendOAuthState(db: Database, params: { stateHash: string }): Promise<OAuthStateRow | null> {
  const [row] = await db
    .update(oauthStates)
    .set({ usedAt: new Date() })
    .where(and(eq(oauthStates.stateHash, params.stateHash), isNull(oauthStates.usedAt)))
    .returning();
  return row ?? null;
}

export async function findOAuthState(db: Database, params: { stateHash: string }): Promise<OAuthStateRow | null> {
  const [row] = await db.select().from(oauthStates).where(eq(oauthStates.stateHash, params.stateHash)).limit(1);
  return row ?? null;
}

export async function deleteExpiredOAuthStates(db: Database, params: { before: Date }): Promise<void> {
  await db.delete(oauthStates).where(lt(oauthStates.expiresAt, params.before));
}

/** Gives a spent state back (a wrong MFA code may be typed again within the state's life). */
export async function releaseOAuthState(db: Database, params: { stateHash: string }): Promise<void> {
  await db.update(oauthStates).set({ usedAt: null }).where(eq(oauthStates.stateHash, params.stateHash));
}
