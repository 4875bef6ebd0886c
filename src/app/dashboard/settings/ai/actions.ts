"use server";

import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { saveAiSharing, saveAiSharingSchema } from "@/lib/mcp/ai-sharing";

export type AiSharingState = { error: string } | { saved: true } | null;

/** Saves which sources AI tools may read: every source the form listed, ticked shared, unticked withheld. */
export async function saveAiSharingAction(_previous: AiSharingState, formData: FormData): Promise<AiSharingState> {
  const user = await requireUser();
  const parsed = saveAiSharingSchema.safeParse({
    listed: formData.getAll("listed"),
    allowed: formData.getAll("allowed"),
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { error: `"${String(issue.path[0] ?? "input")}" ${issue.message}` };
  }
  await saveAiSharing(await getDb(), { userId: user.id, input: parsed.data });
  revalidatePath("/dashboard/settings/ai");
  return { saved: true };
}
