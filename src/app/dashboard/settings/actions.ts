"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requireUser } from "@/lib/auth/session";
import { askForStreamAgain } from "@/lib/connections/ask-stream-again";
import { disconnectConnection } from "@/lib/connections/disconnect";
import { getDb } from "@/lib/db";
import { getConnectionOrThrow } from "@/lib/db/queries/connections";
import { getServerOrigin } from "@/lib/http/server-origin";
import { resumeUnfinishedReceipts } from "@/lib/ingest/resume-receipts";
import { enqueueConnectionSync } from "@/lib/jobs";

const disconnectSchema = z.object({
  connectionId: z.uuid(),
  deleteData: z.enum(["true", "false"]).transform((value) => value === "true"),
});

export type DisconnectState = { error?: string; done?: boolean; warning?: string } | null;

export async function disconnectAction(_previous: DisconnectState, formData: FormData): Promise<DisconnectState> {
  const user = await requireUser();
  const parsed = disconnectSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return { error: "That disconnect request was malformed; reload the page and try again." };
  const result = await disconnectConnection(await getDb(), {
    userId: user.id,
    ...parsed.data,
    appUrl: await getServerOrigin(),
  });
  revalidatePath("/dashboard/settings");
  return {
    done: true,
    warning: result.revokeError
      ? "Disconnected here, but the provider could not be told; you may also remove QT.run in your account there."
      : undefined,
  };
}

export async function syncNowAction(formData: FormData): Promise<void> {
  const user = await requireUser();
  const { connectionId } = z.object({ connectionId: z.uuid() }).parse(Object.fromEntries(formData));
  const db = await getDb();
  await getConnectionOrThrow(db, { userId: user.id, connectionId });
  await enqueueConnectionSync(db, { userId: user.id, connectionId, reason: "manual" });
  revalidatePath("/dashboard/settings");
}

export async function processUnfinishedPushesAction(): Promise<void> {
  const user = await requireUser();
  await resumeUnfinishedReceipts(await getDb(), { userId: user.id });
  revalidatePath("/dashboard/settings");
}

const tryStreamSchema = z.object({ connectionId: z.uuid(), stream: z.string().min(1).max(100) });

/** "Try <stream> again" on a refused stream: the signed-in person's connection only. */
export async function tryStreamAgainAction(formData: FormData): Promise<void> {
  const user = await requireUser();
  const { connectionId, stream } = tryStreamSchema.parse(Object.fromEntries(formData));
  await askForStreamAgain(await getDb(), { userId: user.id, connectionId, stream });
  revalidatePath("/dashboard/settings");
}
