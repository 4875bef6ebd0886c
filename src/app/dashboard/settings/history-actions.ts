"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requireUser } from "@/lib/auth/session";
import { setConnectionHistoryDays } from "@/lib/connections/set-history-days";
import { getDb } from "@/lib/db";

const historyDaysFormSchema = z.object({
  connectionId: z.uuid(),
  historyDays: z.union([z.literal("all"), z.coerce.number().int().positive()]),
});

export async function setHistoryDaysAction(formData: FormData): Promise<void> {
  const user = await requireUser();
  const { connectionId, historyDays } = historyDaysFormSchema.parse(Object.fromEntries(formData));
  await setConnectionHistoryDays(await getDb(), { userId: user.id, connectionId, historyDays });
  revalidatePath("/dashboard/settings");
}
