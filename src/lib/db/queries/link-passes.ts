import { eq, isNull } from "drizzle-orm";
import type { Database } from "../client";
import { activityLinkPasses, users } from "../schema";

export interface LinkPassCursor {
  startAt: Date;
  id: string;
}

/** People whose linking pass is due (never run, or asked for again), at most `limit`. */
export async function listUsersDueLinkPass(db: Database, params: { limit: number }): Promise<string[]> {
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .leftJoin(activityLinkPasses, eq(activityLinkPasses.userId, users.id))
    .where(isNull(activityLinkPasses.finishedAt))
    .limit(params.limit);
  return rows.map((row) => row.id);
}

/** Where the person's pass stands: undefined when it never ran, `finished` when nothing is due. */
export async function findLinkPass(db: Database, params: { userId: string }) {
  const [row] = await db.select().from(activityLinkPasses).where(eq(activityLinkPasses.userId, params.userId));
  if (!row) return undefined;
  const cursor = row.cursorStartAt && row.cursorId ? { startAt: row.cursorStartAt, id: row.cursorId } : null;
  return { cursor, isFinished: row.finishedAt != null };
}

/** Saves the pass's progress: the last row linked, or that it is done. */
export async function saveLinkPass(
  db: Database,
  params: { userId: string; cursor: LinkPassCursor | null; isFinished: boolean },
) {
  const values = {
    cursorStartAt: params.cursor?.startAt ?? null,
    cursorId: params.cursor?.id ?? null,
    finishedAt: params.isFinished ? new Date() : null,
  };
  await db
    .insert(activityLinkPasses)
    .values({ userId: params.userId, ...values })
    .onConflictDoUpdate({ target: activityLinkPasses.userId, set: { ...values, updatedAt: new Date() } });
}
