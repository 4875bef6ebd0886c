"use server";

import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { moveSource, moveSourceSchema } from "@/lib/merge/daily/source-order";

export type MoveSourceState = { error: string } | { moved: string } | null;

/** Moves one source a place up or down in a metric's order; the metric's history is merged again. */
export async function moveSourceAction(_previous: MoveSourceState, formData: FormData): Promise<MoveSourceState> {
  const user = await requireUser();
  const parsed = moveSourceSchema.safeParse({
    metric: formData.get("metric"),
    provider: formData.get("provider"),
    sourceId: formData.get("sourceId") ?? "",
    direction: formData.get("direction"),
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { error: `"${String(issue.path[0] ?? "input")}" ${issue.message}` };
  }
  await moveSource(await getDb(), { userId: user.id, move: parsed.data });
  revalidatePath("/dashboard/settings/sources");
  revalidatePath("/dashboard/health");
  return { moved: parsed.data.metric };
}
