import type { Database } from "@/lib/db/client";
import { findLinkPass, listUsersDueLinkPass, saveLinkPass } from "@/lib/db/queries/link-passes";
import { linkSeedRows } from "./link-rows";
import { lockActivityMerging } from "./lock";

// Rows per transaction: each slice holds the person's merge lock, so a sync page of theirs
// waits for one slice at most, never for the whole history.
const SLICE = 500;

/**
 * One slice of the person's linking pass: the next SLICE stored activities in start order
 * after the cursor, linked like a written page (linkSeedRows), with the cursor committed in the
 * same transaction. Idempotent: a pair already linked, split or joined is left as it is, so a
 * pass run again (or resumed after a crash) adds nothing twice. Answers whether it is done.
 */
export async function linkHistorySlice(
  db: Database,
  params: { userId: string; sliceSize?: number },
): Promise<{ isFinished: boolean; links: number }> {
  const { userId } = params;
  const limit = params.sliceSize ?? SLICE;
  return db.transaction(async (tx) => {
    await lockActivityMerging(tx, userId);
    const pass = await findLinkPass(tx, { userId });
    if (pass?.isFinished) return { isFinished: true, links: 0 };
    const { seeds, links } = await linkSeedRows(tx, {
      userId,
      seed: { kind: "history", after: pass?.cursor ?? null, limit },
      isNewerFirst: true,
    });
    const last = seeds.at(-1);
    const isFinished = seeds.length < limit;
    await saveLinkPass(tx, { userId, isFinished, cursor: isFinished || !last ? null : last });
    return { isFinished, links };
  });
}

/** Runs the person's pass to its end, or for `maxSlices` slices; answers whether it is done. */
export async function linkActivityHistory(
  db: Database,
  params: { userId: string; sliceSize?: number; maxSlices?: number },
): Promise<{ isFinished: boolean; slices: number; links: number }> {
  let slices = 0;
  let links = 0;
  while (slices < (params.maxSlices ?? Infinity)) {
    const slice = await linkHistorySlice(db, params);
    slices++;
    links += slice.links;
    if (slice.isFinished) return { isFinished: true, slices, links };
  }
  return { isFinished: false, slices, links };
}

// Per scheduled tick, across everyone: 20,000 rows, a few seconds of work. A pass left
// unfinished resumes at its cursor on the next tick.
const SLICES_PER_TICK = 40;

/**
 * The scheduled pass's step: links the stored history of people whose pass is due (never run
 * since linking existed, or asked for again by a new source order), within a budget per tick.
 */
export async function linkDueHistories(db: Database): Promise<{ users: number; links: number }> {
  let budget = SLICES_PER_TICK;
  let links = 0;
  const due = await listUsersDueLinkPass(db, { limit: SLICES_PER_TICK });
  for (const userId of due) {
    if (budget <= 0) break;
    const result = await linkActivityHistory(db, { userId, maxSlices: budget });
    budget -= result.slices;
    links += result.links;
  }
  return { users: due.length, links };
}
