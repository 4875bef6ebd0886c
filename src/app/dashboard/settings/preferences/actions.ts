"use server";

import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { savePreferences, type Preferences, type SavePreferencesResult } from "@/lib/preferences";

export type PreferencesState =
  { saved: Preferences } | { fieldErrors: Extract<SavePreferencesResult, { ok: false }>["fieldErrors"] } | null;

export async function savePreferencesAction(
  _previous: PreferencesState,
  formData: FormData,
): Promise<PreferencesState> {
  const user = await requireUser();
  const field = (name: string) => formData.get(name) ?? undefined;
  const input = {
    unitSystem: field("unitSystem"),
    timeZone: field("timeZone"),
    heightCm: field("heightCm"),
    heightFt: field("heightFt"),
    heightIn: field("heightIn"),
  };
  const result = await savePreferences(await getDb(), { userId: user.id, input });
  if (!result.ok) return { fieldErrors: result.fieldErrors };
  // Every dashboard page formats with these.
  revalidatePath("/dashboard", "layout");
  return { saved: result.preferences };
}
