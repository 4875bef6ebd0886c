"use server";

import { revalidatePath } from "next/cache";
import { z, ZodError } from "zod";
import { requireUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { getConnectionOrThrow } from "@/lib/db/queries/connections";
import { AppError } from "@/lib/errors";
import { getServerOrigin } from "@/lib/http/server-origin";
import { toJobView, type JobView } from "@/lib/jobs/job-view";
import { compareWeights, type WeightComparison } from "@/lib/weight/compare-weights";
import { forwardMissingWeights, type ForwardResult } from "@/lib/weight/forward";
import { startWeightSync } from "@/lib/weight/start-weight-sync";
import { WEIGHT_SCOPES } from "@/lib/weight/weight-windows";

const KG_PER_LB = 0.45359237;

/** What the person is told: our AppError's and zod's words, never a stack. */
function describe(error: unknown): string {
  if (error instanceof AppError) return error.message;
  if (error instanceof ZodError)
    return error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; ");
  throw error;
}

export type WeightSyncState = { job: JobView } | { error: string } | null;

const startSchema = z.object({ scope: z.enum(WEIGHT_SCOPES), connectionId: z.uuid() });

/** "Sync recent (30 days)" / "Sync all": queues the walk for the chosen account. */
export async function startWeightSyncAction(_previous: WeightSyncState, formData: FormData): Promise<WeightSyncState> {
  const user = await requireUser();
  try {
    const input = startSchema.parse(Object.fromEntries(formData));
    const db = await getDb();
    const connection = await getConnectionOrThrow(db, { userId: user.id, connectionId: input.connectionId });
    const { job } = await startWeightSync(db, { ...input, userId: user.id, provider: connection.provider });
    return { job: toJobView(job) };
  } catch (error) {
    return { error: describe(error) };
  }
}

/** The dialog's fields: tolerance typed in the person's units. */
function comparisonInput(formData: FormData, units: "metric" | "imperial") {
  const field = (name: string) => String(formData.get(name) ?? "");
  const tolerance = Number(field("tolerance") || "0.1");
  return {
    sourceA: field("sourceA"),
    sourceB: field("sourceB"),
    start_date: field("start_date"),
    end_date: field("end_date"),
    toleranceKg: Math.round((units === "imperial" ? tolerance * KG_PER_LB : tolerance) * 1000) / 1000,
  };
}

export type CompareState = { comparison: WeightComparison } | { error: string } | null;

export async function compareWeightsAction(_previous: CompareState, formData: FormData): Promise<CompareState> {
  const user = await requireUser();
  try {
    const input = comparisonInput(formData, user.unitSystem);
    return { comparison: await compareWeights(await getDb(), { userId: user.id, timeZone: user.timeZone, input }) };
  } catch (error) {
    return { error: describe(error) };
  }
}

export type ForwardState = { result: ForwardResult } | { error: string } | null;

export async function forwardWeightsAction(_previous: ForwardState, formData: FormData): Promise<ForwardState> {
  const user = await requireUser();
  try {
    const result = await forwardMissingWeights(await getDb(), {
      userId: user.id,
      timeZone: user.timeZone,
      input: comparisonInput(formData, user.unitSystem),
      appUrl: await getServerOrigin(),
    });
    revalidatePath("/dashboard/health");
    return { result };
  } catch (error) {
    return { error: describe(error) };
  }
}
