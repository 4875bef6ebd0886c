import { z } from "zod";
import type { Database } from "@/lib/db";
import { isKnownTimeZone, updateUserPreferences } from "@/lib/db/queries/users";
import { UNIT_SYSTEMS } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { timeZoneSchema } from "@/lib/time-zone";

export const preferencesSchema = z.object({
  unitSystem: z.enum(UNIT_SYSTEMS, { error: "Choose metric or imperial." }),
  timeZone: timeZoneSchema,
});
export type Preferences = z.infer<typeof preferencesSchema>;

type Field = keyof Preferences;
export type SavePreferencesResult =
  { ok: true; preferences: Preferences } | { ok: false; fieldErrors: Partial<Record<Field, string>> };

/** Validates and saves one person's preferences; `userId` comes from their session, never the form. */
export async function savePreferences(
  db: Database,
  params: { userId: string; input: unknown },
): Promise<SavePreferencesResult> {
  const parsed = preferencesSchema.safeParse(params.input);
  if (!parsed.success) {
    const fieldErrors: Partial<Record<Field, string>> = {};
    for (const issue of parsed.error.issues) fieldErrors[issue.path[0] as Field] ??= issue.message;
    return { ok: false, fieldErrors };
  }
  if (!(await isKnownTimeZone(db, { name: parsed.data.timeZone }))) {
    return {
      ok: false,
      fieldErrors: {
        timeZone: `This server's database does not know "${parsed.data.timeZone}"; choose a nearby city.`,
      },
    };
  }
  const user = await updateUserPreferences(db, { userId: params.userId, ...parsed.data });
  if (!user) throw new AppError("UNAUTHORIZED", "The signed-in user no longer exists");
  return { ok: true, preferences: { unitSystem: user.unitSystem, timeZone: user.timeZone } };
}
