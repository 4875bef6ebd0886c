import { and, eq } from "drizzle-orm";
import type { Database } from "../client";
import { sourcePriorities } from "../schema";

/** The person's source order per sport; sports they never ordered are absent. */
export async function findSourcePriorities(db: Database, params: { userId: string }): Promise<Map<string, string[]>> {
  const rows = await db
    .select({ sport: sourcePriorities.sport, providers: sourcePriorities.providers })
    .from(sourcePriorities)
    .where(eq(sourcePriorities.userId, params.userId));
  return new Map(rows.map((row) => [row.sport, row.providers]));
}

export async function saveSourcePriority(db: Database, params: { userId: string; sport: string; providers: string[] }) {
  await db
    .insert(sourcePriorities)
    .values(params)
    .onConflictDoUpdate({
      target: [sourcePriorities.userId, sourcePriorities.sport],
      set: { providers: params.providers, updatedAt: new Date() },
    });
}

export async function deleteSourcePriority(db: Database, params: { userId: string; sport: string }) {
  await db
    .delete(sourcePriorities)
    .where(and(eq(sourcePriorities.userId, params.userId), eq(sourcePriorities.sport, params.sport)));
}
