import { and, asc, eq, sql } from "drizzle-orm";
import type { Database } from "../client";
import { activityFiles, type ActivityFile } from "../schema";

export type NewActivityFileIndex = Omit<typeof activityFiles.$inferInsert, "id" | "createdAt">;

/**
 * Indexes a file already in the file store. The same bytes indexed again (a re-download, the
 * same upload twice) keep their one row; a row not yet tied to an activity takes the new
 * activity, and one already tied keeps its own.
 */
export async function indexActivityFile(db: Database, file: NewActivityFileIndex): Promise<ActivityFile> {
  const [row] = await db
    .insert(activityFiles)
    .values(file)
    .onConflictDoUpdate({
      target: [activityFiles.userId, activityFiles.contentHash],
      set: {
        activityId: sql`coalesce(${activityFiles.activityId}, excluded.activity_id)`,
        startAt: sql`coalesce(${activityFiles.startAt}, excluded.start_at)`,
      },
    })
    .returning();
  return row!;
}

/** The files kept for one of the user's activities, oldest first (the provider's original before any upload). */
export async function listActivityFiles(
  db: Database,
  params: { userId: string; activityId: string },
): Promise<ActivityFile[]> {
  return db
    .select()
    .from(activityFiles)
    .where(and(eq(activityFiles.userId, params.userId), eq(activityFiles.activityId, params.activityId)))
    .orderBy(asc(activityFiles.createdAt), asc(activityFiles.id));
}

export async function findActivityFile(
  db: Database,
  params: { userId: string; fileId: string },
): Promise<ActivityFile | undefined> {
  const [row] = await db
    .select()
    .from(activityFiles)
    .where(and(eq(activityFiles.userId, params.userId), eq(activityFiles.id, params.fileId)));
  return row;
}

/** The user's index row for these bytes (a file is kept once per user, by its SHA-256). */
export async function findActivityFileByHash(
  db: Database,
  params: { userId: string; contentHash: string },
): Promise<ActivityFile | undefined> {
  const [row] = await db
    .select()
    .from(activityFiles)
    .where(and(eq(activityFiles.userId, params.userId), eq(activityFiles.contentHash, params.contentHash)));
  return row;
}
