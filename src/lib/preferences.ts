import { z } from "zod";
import type { Database } from "@/lib/db";
import { isKnownTimeZone, updateUserPreferences } from "@/lib/db/queries/users";
import { UNIT_SYSTEMS } from "@/lib/db/schema";
import { findUserTimeZone } from "@/lib/db/queries/merged-daily";
import { AppError } from "@/lib/errors";
import { enqueueHistoryRemerge } from "@/lib/jobs";
import { remergeAfterTimeZoneChange } from "@/lib/merge/daily/remerge-sample-days";
import { timeZoneSchema } from "@/lib/time-zone";

const METERS_PER_INCH = 0.0254;
// An empty field means "not set", not zero.
const blank = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);
const optionalNumber = (schema: z.ZodType<number, unknown>) => z.preprocess(blank, schema.optional());

// Height is typed in the units the page was shown in: centimetres, or feet and inches.
export const heightInputSchema = z
  .object({
    heightCm: optionalNumber(
      z.coerce
        .number({ error: "Enter your height in centimetres, e.g. 178." })
        .min(50, "A height under 50 cm is not one we can compute BMI from.")
        .max(272, "A height over 272 cm is taller than anyone has been."),
    ),
    heightFt: optionalNumber(
      z.coerce
        .number({ error: "Enter whole feet, e.g. 5." })
        .int("Enter whole feet, e.g. 5.")
        .min(1, "Enter whole feet from 1 to 8.")
        .max(8, "Enter whole feet from 1 to 8."),
    ),
    heightIn: optionalNumber(
      z.coerce
        .number({ error: "Enter inches, e.g. 10." })
        .min(0, "Enter inches from 0 to 11.")
        .lt(12, "Enter inches from 0 to 11."),
    ),
  })
  .refine((input) => input.heightIn === undefined || input.heightFt !== undefined, {
    message: "Enter feet as well as inches.",
    path: ["heightFt"],
  })
  .transform(({ heightCm, heightFt, heightIn }) => {
    const meters =
      heightCm !== undefined
        ? heightCm / 100
        : heightFt !== undefined
          ? (heightFt * 12 + (heightIn ?? 0)) * METERS_PER_INCH
          : null;
    // To the millimetre: 170 cm is 1.7 m, not 1.7000000000000002.
    return meters === null ? null : Math.round(meters * 1000) / 1000;
  });

export const preferencesSchema = z
  .object({
    unitSystem: z.enum(UNIT_SYSTEMS, { error: "Choose metric or imperial." }),
    timeZone: timeZoneSchema,
    height: heightInputSchema,
  })
  .transform(({ height, ...rest }) => ({ ...rest, heightM: height }));
export type Preferences = z.output<typeof preferencesSchema>;

type Field = "unitSystem" | "timeZone" | "height";
export type SavePreferencesResult =
  | {
      ok: true;
      preferences: Preferences;
      /** A changed time zone moves samples between days: merged again now, in a job, or not at all. */
      remerge: "none" | "done" | "queued";
    }
  | { ok: false; fieldErrors: Partial<Record<Field, string>> };

/**
 * Validates and saves one person's preferences; `userId` comes from their session, never the
 * form. The height fields (heightCm, or heightFt and heightIn) arrive beside the others.
 */
export async function savePreferences(
  db: Database,
  params: { userId: string; input: Record<string, unknown> },
): Promise<SavePreferencesResult> {
  const { unitSystem, timeZone, heightCm, heightFt, heightIn } = params.input;
  const parsed = preferencesSchema.safeParse({ unitSystem, timeZone, height: { heightCm, heightFt, heightIn } });
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
  const { user, remerge } = await db.transaction(async (tx) => {
    const previousTimeZone = await findUserTimeZone(tx, { userId: params.userId });
    const saved = await updateUserPreferences(tx, { userId: params.userId, ...parsed.data });
    if (!saved) throw new AppError("UNAUTHORIZED", "The signed-in user no longer exists");
    // The days merged from samples follow the zone; committed with it, or handed to a job below.
    const outcome = await remergeAfterTimeZoneChange(tx, {
      userId: params.userId,
      previousTimeZone,
      timeZone: saved.timeZone,
    });
    return { user: saved, remerge: outcome };
  });
  if (remerge.job) await enqueueHistoryRemerge(db, { userId: params.userId, payload: remerge.job });
  return {
    ok: true,
    preferences: { unitSystem: user.unitSystem, timeZone: user.timeZone, heightM: user.heightM },
    remerge: remerge.job ? "queued" : remerge.days ? "done" : "none",
  };
}
