"use server";

import { revalidatePath } from "next/cache";
import { z, ZodError } from "zod";
import { requireUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { deleteWorkoutPlan } from "@/lib/db/queries/workout-plans";
import { AppError } from "@/lib/errors";
import { issueField } from "@/lib/http/error-response";
import { getServerOrigin } from "@/lib/http/server-origin";
import { calendarDateSchema } from "@/lib/workouts/plan-schema";
import { createPlanFromInput } from "@/lib/workouts/plans";
import { pushWorkoutPlan } from "@/lib/workouts/push-workout";

const PAGE = "/dashboard/workouts";

export type CreateWorkoutState = {
  /** Bumped on every success, so the form starts a fresh workout. */
  created?: number;
  issues?: Array<{ field: string; message: string }>;
  error?: string;
} | null;

export async function createWorkoutAction(
  previous: CreateWorkoutState,
  formData: FormData,
): Promise<CreateWorkoutState> {
  const user = await requireUser();
  let input: unknown;
  try {
    input = JSON.parse(String(formData.get("plan") ?? ""));
  } catch {
    return { created: previous?.created, error: "The form sent something unreadable; reload the page and try again." };
  }
  try {
    await createPlanFromInput(await getDb(), { userId: user.id, input });
  } catch (error) {
    if (error instanceof ZodError)
      return {
        // The same count keeps the form (and what the person typed) in place.
        created: previous?.created,
        issues: error.issues.map((issue) => ({ field: issueField(issue), message: issue.message })),
      };
    throw error;
  }
  revalidatePath(PAGE);
  return { created: (previous?.created ?? 0) + 1 };
}

export type PushWorkoutState = { ok?: string; error?: string } | null;

const pushFormSchema = z.object({
  planId: z.uuid(),
  connectionId: z.uuid({ message: "Choose where to send it." }),
  date: z.union([z.literal(""), calendarDateSchema]),
});

export async function pushWorkoutAction(_previous: PushWorkoutState, formData: FormData): Promise<PushWorkoutState> {
  const user = await requireUser();
  const parsed = pushFormSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return { error: parsed.error.issues[0]!.message };
  const { planId, connectionId, date } = parsed.data;
  try {
    const push = await pushWorkoutPlan(await getDb(), {
      userId: user.id,
      planId,
      connectionId,
      date: date || null,
      appUrl: await getServerOrigin(),
    });
    return {
      ok: push.scheduledDate ? `Sent; on the calendar for ${push.scheduledDate}.` : "Sent to the workout library.",
    };
  } catch (error) {
    if (error instanceof AppError) return { error: error.message };
    throw error;
  } finally {
    revalidatePath(PAGE);
  }
}

export async function deleteWorkoutAction(formData: FormData): Promise<void> {
  const user = await requireUser();
  const planId = z.uuid().parse(formData.get("planId"));
  await deleteWorkoutPlan(await getDb(), { userId: user.id, planId });
  revalidatePath(PAGE);
}
