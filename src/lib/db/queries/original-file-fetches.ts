import { and, asc, eq, sql } from "drizzle-orm";
import type { FileReference } from "@/lib/sync/file-reference";
import type { Database } from "../client";
import { activities, activityFiles, originalFileFetches, type OriginalFileFetch } from "../schema";

export interface FileFetchOwner {
  userId: string;
  connectionId: string;
  provider: string;
}

const current = (column: string) => sql.raw(`"original_file_fetches"."${column}"`);
const excluded = (column: string) => sql.raw(`excluded."${column}"`);
// A reference with a new URL (Garmin's fresh notification, Google's export once location is
// granted) makes a file due again; the same one again (a re-delivered push, the next listing)
// changes nothing. A stored file is never fetched twice.
const isNewUrl = sql`${current("state")} <> 'stored' and ${current("url")} is distinct from ${excluded("url")}`;

/**
 * Keeps the original files a page or a push names, one row per activity and file: new ones due,
 * known ones left as they are unless the URL changed.
 */
export async function rememberFileReferences(
  db: Database,
  owner: FileFetchOwner,
  references: readonly FileReference[],
): Promise<void> {
  if (!references.length) return;
  // One row per file: Postgres refuses to update a row twice in one statement; the last wins.
  const rows = new Map(
    references.map((reference) => {
      const fileKey = reference.key ?? reference.format;
      const row = {
        ...owner,
        activityExternalId: reference.activityExternalId,
        fileKey,
        format: reference.format,
        url: reference.url,
        state: "pending" as const,
      };
      return [`${reference.activityExternalId}\u0000${fileKey}`, row];
    }),
  );
  await db
    .insert(originalFileFetches)
    .values([...rows.values()])
    .onConflictDoUpdate({
      target: [originalFileFetches.connectionId, originalFileFetches.activityExternalId, originalFileFetches.fileKey],
      set: {
        url: excluded("url"),
        format: sql`${excluded("format")}`,
        state: sql`${excluded("state")}`,
        message: null,
        attempts: 0,
        updatedAt: sql`now()`,
      },
      setWhere: isNewUrl,
    });
}

/** The connection's files still to fetch, oldest first. */
export async function listDueFileFetches(
  db: Database,
  params: { connectionId: string; limit: number },
): Promise<OriginalFileFetch[]> {
  return db
    .select()
    .from(originalFileFetches)
    .where(and(eq(originalFileFetches.connectionId, params.connectionId), eq(originalFileFetches.state, "pending")))
    .orderBy(asc(originalFileFetches.createdAt), asc(originalFileFetches.id))
    .limit(params.limit);
}

/**
 * Holds the connection's due files while its grant cannot fetch them (`message`: why), or lets
 * the held ones go again once it can: a wider grant reaches back to every activity, not only
 * those the provider lists again.
 */
export async function holdDueFiles(
  db: Database,
  params: { connectionId: string; message: string | undefined },
): Promise<void> {
  const [from, to] =
    params.message === undefined ? (["withheld", "pending"] as const) : (["pending", "withheld"] as const);
  await db
    .update(originalFileFetches)
    .set({ state: to, message: params.message ?? null, updatedAt: new Date() })
    .where(and(eq(originalFileFetches.connectionId, params.connectionId), eq(originalFileFetches.state, from)));
}

/** How one fetch ended; a failure (`isFailure`) counts an attempt, and is due again unless the state says otherwise. */
export async function recordFileFetch(
  db: Database,
  params: {
    fetchId: string;
    state: OriginalFileFetch["state"];
    fileId?: string;
    message?: string | null;
    isFailure?: boolean;
  },
): Promise<void> {
  await db
    .update(originalFileFetches)
    .set({
      state: params.state,
      message: params.message ?? null,
      ...(params.fileId ? { fileId: params.fileId } : {}),
      ...(params.isFailure ? { attempts: sql`${originalFileFetches.attempts} + 1` } : {}),
      updatedAt: new Date(),
    })
    .where(eq(originalFileFetches.id, params.fetchId));
}

/**
 * Ties fetched files to their activities where both are now known: called when activities are
 * written (a file that came first waits for its activity) and when a file is stored (its
 * activity came first). `externalIds` limits it to those activities; an index lookup each.
 */
export async function linkOriginalFiles(
  db: Database,
  params: FileFetchOwner & { externalIds: readonly string[] },
): Promise<void> {
  if (!params.externalIds.length) return;
  const ids = sql.join(
    [...new Set(params.externalIds)].map((externalId) => sql`${externalId}`),
    sql`, `,
  );
  await db.execute(sql`
    update ${activityFiles} set activity_id = a.id
    from ${originalFileFetches} o, ${activities} a
    where o.connection_id = ${params.connectionId} and o.activity_external_id in (${ids}) and o.state = 'stored'
      and o.file_id = ${activityFiles}.id and ${activityFiles}.activity_id is null and ${activityFiles}.user_id = ${params.userId}
      and a.user_id = ${params.userId} and a.provider = ${params.provider} and a.external_id = o.activity_external_id`);
}

/** A file already kept under this name from this source (named as fetch-original-files.ts names them), if any. */
export async function findKeptOriginal(
  db: Database,
  params: { userId: string; source: string; fileName: string },
): Promise<Pick<typeof activityFiles.$inferSelect, "id"> | undefined> {
  const [row] = await db
    .select({ id: activityFiles.id })
    .from(activityFiles)
    .where(
      and(
        eq(activityFiles.userId, params.userId),
        eq(activityFiles.source, params.source),
        eq(activityFiles.origin, "provider"),
        eq(activityFiles.fileName, params.fileName),
      ),
    )
    .limit(1);
  return row;
}

/** How the originals of one of the user's activities fared (the activity page says why one is missing). */
export async function listOriginalFileFetches(
  db: Database,
  params: { userId: string; provider: string; activityExternalId: string },
): Promise<OriginalFileFetch[]> {
  return db
    .select()
    .from(originalFileFetches)
    .where(
      and(
        eq(originalFileFetches.userId, params.userId),
        eq(originalFileFetches.provider, params.provider),
        eq(originalFileFetches.activityExternalId, params.activityExternalId),
      ),
    )
    .orderBy(asc(originalFileFetches.fileKey));
}
