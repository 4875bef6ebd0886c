"use server";

import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { sourceOrderSchema } from "@/lib/merge/activities/routes";
import { setSourceOrder } from "@/lib/merge/activities/source-order";

/** Saves one sport's order of sources ("garmin, apple_health, strava"); an empty one returns to the default. */
export async function saveActivitySourceOrderAction(formData: FormData): Promise<void> {
  const user = await requireUser();
  const providers = String(formData.get("providers") ?? "")
    .split(",")
    .map((slug) => slug.trim())
    .filter(Boolean);
  const input = sourceOrderSchema.parse({ sport: formData.get("sport"), providers });
  await setSourceOrder(await getDb(), { userId: user.id, ...input });
  revalidatePath("/dashboard/settings/sources");
  revalidatePath("/dashboard/activities");
}
