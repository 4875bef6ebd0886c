import { cache } from "react";
import { z } from "zod";
import { requireUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { findActivityForUser } from "@/lib/db/queries/activity-detail";

// Any 8-4-4-4-12 hex id: Postgres would answer a malformed one with an error (a 500), not "no such row".
const idSchema = z.guid();

/**
 * The signed-in person's activity with this id, or undefined. Cached per request: the layout,
 * the title and the page all ask, and the database is asked once.
 */
export const findRequestedActivity = cache(async (id: string) => {
  const user = await requireUser();
  const parsed = idSchema.safeParse(id);
  if (!parsed.success) return undefined;
  const activity = await findActivityForUser(await getDb(), { userId: user.id, activityId: parsed.data });
  return activity && { activity, user };
});
