import type { Database } from "@/lib/db/client";
import { linkSeedRows } from "./link-rows";

// A phone export writes thousands of activities at once: each statement's list stays bounded.
const CHUNK = 5_000;

interface WriteOwner {
  userId: string;
  connectionId: string | null;
  provider: string;
  /** From lockActivityMerging: rows written since then are the ones to link. */
  writeStart: Date;
}

/**
 * Links the rows of `externalIds` this transaction wrote to the person's other copies of the
 * same activities, and re-chooses the primaries of the groups that changed (linkSeedRows). Call
 * it inside the write's transaction, with the time lockActivityMerging returned before the write.
 */
export async function linkActivitiesOnWrite(db: Database, owner: WriteOwner, externalIds: string[]): Promise<void> {
  for (let start = 0; start < externalIds.length; start += CHUNK)
    await linkSeedRows(db, {
      userId: owner.userId,
      seed: {
        kind: "written",
        provider: owner.provider,
        externalIds: externalIds.slice(start, start + CHUNK),
        since: owner.writeStart,
      },
    });
}
