"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requireUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { joinActivities, splitActivity } from "@/lib/merge/activities/edit-links";

const splitSchema = z.object({ activityId: z.uuid(), returnTo: z.uuid() });
const joinSchema = z.object({ activityId: z.uuid(), otherActivityId: z.uuid() });

/** Takes one source's copy out of the activity; the page stays on the activity it was opened as. */
export async function splitLinkAction(formData: FormData): Promise<void> {
  const user = await requireUser();
  const input = splitSchema.parse(Object.fromEntries(formData));
  await splitActivity(await getDb(), { userId: user.id, activityId: input.activityId });
  revalidatePath(`/dashboard/activities/${input.returnTo}`);
  revalidatePath("/dashboard/activities");
}

export async function joinLinkAction(formData: FormData): Promise<void> {
  const user = await requireUser();
  const input = joinSchema.parse(Object.fromEntries(formData));
  await joinActivities(await getDb(), { userId: user.id, ...input });
  revalidatePath(`/dashboard/activities/${input.activityId}`);
  revalidatePath("/dashboard/activities");
}
