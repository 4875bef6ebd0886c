"use client";

import { useActionState, useState } from "react";
import type { AccountOption } from "@/lib/forwarding/page-data";
import type { RuleView } from "@/lib/forwarding/views";
import {
  deleteForwardingRuleAction,
  previewForwardingAction,
  runForwardingAction,
  type PreviewState,
  type RunState,
} from "./actions";
import { typeLabel } from "./labels";
import { PlanTable } from "./PlanTable";
import { RuleForm } from "./RuleForm";

const BUTTON =
  "rounded-lg border border-zinc-300 px-3 py-1.5 text-sm font-medium hover:bg-zinc-100 disabled:opacity-60 dark:border-zinc-700 dark:hover:bg-zinc-800";

const day = (iso: string | null) => (iso ? iso.slice(0, 10) : null);

/** One rule: what it forwards where, with its preview (dry run), run, edit and delete. */
export function RuleCard({ rule, accounts }: { rule: RuleView; accounts: AccountOption[] }) {
  const [isEditing, setIsEditing] = useState(false);
  const [preview, previewAction, isPreviewing] = useActionState<PreviewState, FormData>(previewForwardingAction, null);
  const [run, runAction, isRunning] = useActionState<RunState, FormData>(runForwardingAction, null);
  const nameOf = (id: string) => accounts.find((account) => account.id === id)?.name ?? "A removed account";
  const source = nameOf(rule.sourceConnectionId);
  const destination = nameOf(rule.destinationConnectionId);
  const [from, to] = [day(rule.startDate), day(rule.endDate)];
  return (
    <li
      className="flex flex-col gap-3 py-4"
      data-testid="forwarding-rule"
      data-rule-id={rule.id}
      aria-label={`${source} to ${destination}`}
    >
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <p className="font-medium">
            {source} <span aria-hidden>→</span>
            <span className="sr-only">to</span> {destination}
          </p>
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            {rule.activityTypes.length ? rule.activityTypes.map(typeLabel).join(", ") : "Every type"} ·{" "}
            {from || to ? `${from ?? "any date"} to ${to ?? "today"}` : "any date"} ·{" "}
            {rule.conflictStrategy === "replace_existing" ? "replaces copies" : "skips copies"}
          </p>
        </div>
        <span
          data-testid="forwarding-rule-enabled"
          className={`rounded-full px-2 py-0.5 text-xs font-medium ${rule.enabled ? "bg-emerald-50 text-emerald-700 dark:bg-emerald-950 dark:text-emerald-300" : "bg-zinc-100 text-zinc-600 dark:bg-zinc-800 dark:text-zinc-400"}`}
        >
          {rule.enabled ? "Enabled" : "Disabled"}
        </span>
      </div>
      {isEditing ? (
        <RuleForm accounts={accounts} rule={rule} onDone={() => setIsEditing(false)} />
      ) : (
        <div className="flex flex-wrap items-center gap-2">
          <form className="flex flex-wrap items-center gap-2">
            <input type="hidden" name="ruleId" value={rule.id} />
            <button type="submit" formAction={previewAction} disabled={isPreviewing} className={BUTTON}>
              {isPreviewing ? "Planning…" : "Preview (dry run)"}
            </button>
            <button type="submit" formAction={runAction} disabled={isRunning} className={BUTTON}>
              {isRunning ? "Queueing…" : "Run now"}
            </button>
            <label className="flex items-center gap-1.5 text-sm">
              <input type="checkbox" name="force" />
              Force: send again what was already forwarded
            </label>
          </form>
          <button type="button" onClick={() => setIsEditing(true)} className={BUTTON}>
            Edit rule
          </button>
          <form action={deleteForwardingRuleAction}>
            <input type="hidden" name="ruleId" value={rule.id} />
            <button type="submit" className={`${BUTTON} text-red-700 dark:text-red-400`}>
              Delete rule
            </button>
          </form>
        </div>
      )}
      {run?.jobId ? (
        <p className="text-sm text-zinc-700 dark:text-zinc-300" role="status" data-testid="forwarding-run-queued">
          Run queued; its progress shows under Recent runs.
        </p>
      ) : null}
      {run?.error || preview?.error ? (
        <p role="alert" className="text-sm text-red-600 dark:text-red-400">
          {run?.error ?? preview?.error}
        </p>
      ) : null}
      {preview?.plan ? <PlanTable plan={preview.plan} /> : null}
    </li>
  );
}
