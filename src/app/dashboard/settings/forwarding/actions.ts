"use server";

import { revalidatePath } from "next/cache";
import { z, ZodError } from "zod";
import { requireUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { deleteForwardingRule, getForwardingRuleOrThrow } from "@/lib/db/queries/forwarding-rules";
import { AppError } from "@/lib/errors";
import { getFileStore } from "@/lib/files";
import { runForwardingRule } from "@/lib/forwarding/run-rule";
import { createRuleFromInput, updateRuleFromInput } from "@/lib/forwarding/rules";
import { toPlanView, type PlanView } from "@/lib/forwarding/views";
import { issueField } from "@/lib/http/error-response";
import { enqueueForwardingRun } from "@/lib/jobs/forwarding-jobs";

const PAGE = "/dashboard/settings/forwarding";

export type RuleFormState = { ok?: boolean; error?: string; fieldErrors?: Record<string, string> } | null;

/** What a refusal says to the person: the fields zod named, or the AppError's words. */
function refusal(error: unknown): RuleFormState {
  if (error instanceof ZodError) {
    const fieldErrors: Record<string, string> = {};
    for (const issue of error.issues) fieldErrors[issueField(issue).split(".")[0]!] ??= issue.message;
    return { error: "Check the fields marked below.", fieldErrors };
  }
  if (error instanceof AppError) {
    const [field, ...rest] = error.message.split(": ");
    return rest.length && /^[a-zA-Z]+$/.test(field!)
      ? { error: rest.join(": "), fieldErrors: { [field!]: rest.join(": ") } }
      : { error: error.message };
  }
  throw error;
}

/** The form as the API's body: an empty date is none, unticked boxes are absent. */
const inputOf = (formData: FormData) => ({
  sourceConnectionId: formData.get("sourceConnectionId"),
  destinationConnectionId: formData.get("destinationConnectionId"),
  activityTypes: formData.getAll("activityTypes"),
  startDate: formData.get("startDate") || null,
  endDate: formData.get("endDate") || null,
  conflictStrategy: formData.get("conflictStrategy"),
  enabled: formData.get("enabled") === "on",
});

export async function saveForwardingRuleAction(_previous: RuleFormState, formData: FormData): Promise<RuleFormState> {
  const user = await requireUser();
  const db = await getDb();
  const ruleId = formData.get("ruleId");
  try {
    if (typeof ruleId === "string" && ruleId)
      await updateRuleFromInput(db, { userId: user.id, ruleId, input: inputOf(formData) });
    else await createRuleFromInput(db, { userId: user.id, input: inputOf(formData) });
  } catch (error) {
    return refusal(error);
  }
  revalidatePath(PAGE);
  return { ok: true };
}

export async function deleteForwardingRuleAction(formData: FormData): Promise<void> {
  const user = await requireUser();
  await deleteForwardingRule(await getDb(), { userId: user.id, ruleId: z.uuid().parse(formData.get("ruleId")) });
  revalidatePath(PAGE);
}

export type PreviewState = { plan?: PlanView; error?: string } | null;

/** The dry run: what "Run now" would do, item by item; nothing is sent. */
export async function previewForwardingAction(_previous: PreviewState, formData: FormData): Promise<PreviewState> {
  const user = await requireUser();
  try {
    const { plan } = await runForwardingRule(await getDb(), {
      userId: user.id,
      ruleId: z.uuid().parse(formData.get("ruleId")),
      dryRun: true,
      force: formData.get("force") === "on",
      store: getFileStore(),
    });
    return { plan: toPlanView(plan) };
  } catch (error) {
    return { error: refusal(error)?.error };
  }
}

export type RunState = { jobId?: string; error?: string } | null;

export async function runForwardingAction(_previous: RunState, formData: FormData): Promise<RunState> {
  const user = await requireUser();
  const db = await getDb();
  try {
    const rule = await getForwardingRuleOrThrow(db, {
      userId: user.id,
      ruleId: z.uuid().parse(formData.get("ruleId")),
    });
    const { job } = await enqueueForwardingRun(db, { userId: user.id, rule, force: formData.get("force") === "on" });
    revalidatePath(PAGE);
    return { jobId: job.id };
  } catch (error) {
    return { error: refusal(error)?.error };
  }
}
