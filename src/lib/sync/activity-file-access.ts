import type { Database } from "@/lib/db";
import { listActivitiesWithoutProviderFile } from "@/lib/db/queries/activity-files";
import { getFileStore, maxFileBytes } from "@/lib/files";
import { saveActivityFile } from "@/lib/files/save";
import type { ActivityFileAccess } from "./types";

/** A sync stream's door to one connection's original files: what is missing, and keeping a download. */
export function activityFileAccess(
  db: Database,
  owner: { userId: string; connectionId: string; provider: string },
): ActivityFileAccess {
  return {
    withoutFile: ({ after, limit }) =>
      listActivitiesWithoutProviderFile(db, { userId: owner.userId, connectionId: owner.connectionId, after, limit }),
    async save(activity, file) {
      await saveActivityFile(db, getFileStore(), {
        userId: owner.userId,
        bytes: file.bytes,
        origin: "provider",
        source: owner.provider,
        fileName: file.fileName,
        activityId: activity.id,
        startAt: activity.startAt,
        maxBytes: maxFileBytes(),
      });
    },
  };
}
