"use client";

import { useActionState, useEffect, useRef } from "react";
import { SubmitButton } from "@/components/SubmitButton";
import type { AccountOption } from "@/lib/forwarding/page-data";
import type { RuleView } from "@/lib/forwarding/views";
import { ACTIVITY_TYPES } from "@/lib/sync/activity-types";
import { saveForwardingRuleAction, type RuleFormState } from "./actions";
import { typeLabel } from "./labels";

const FIELD = "rounded-lg border border-zinc-300 bg-white px-3 py-2 dark:border-zinc-700 dark:bg-zinc-900";

function FieldError({ id, message }: { id: string; message?: string }) {
  return message ? (
    <span id={id} className="text-sm text-red-600 dark:text-red-400">
      {message}
    </span>
  ) : null;
}

/** Creates a rule, or (with `rule`) changes one. Dates are UTC calendar days. */
export function RuleForm({
  accounts,
  rule,
  onDone,
}: {
  accounts: AccountOption[];
  rule?: RuleView;
  onDone?: () => void;
}) {
  const [state, formAction] = useActionState<RuleFormState, FormData>(saveForwardingRuleAction, null);
  const formRef = useRef<HTMLFormElement>(null);
  const prefix = rule ? `rule-${rule.id}` : "new-rule";
  useEffect(() => {
    if (!state?.ok) return;
    if (rule) onDone?.();
    else formRef.current?.reset();
  }, [state, rule, onDone]);
  const errors = state?.fieldErrors ?? {};
  const describedBy = (field: string) => (errors[field] ? `${prefix}-${field}-error` : undefined);
  const destinations = accounts.filter((account) => account.canReceive);
  return (
    <form
      ref={formRef}
      action={formAction}
      aria-label={rule ? "Edit forwarding rule" : "New forwarding rule"}
      data-testid="forwarding-rule-form"
      className="flex flex-col gap-4"
    >
      {rule ? <input type="hidden" name="ruleId" value={rule.id} /> : null}
      <div className="grid gap-4 sm:grid-cols-2">
        <label className="flex flex-col gap-1 text-sm">
          <span className="font-medium">Source account</span>
          <select
            name="sourceConnectionId"
            required
            defaultValue={rule?.sourceConnectionId ?? ""}
            aria-describedby={describedBy("sourceConnectionId")}
            className={FIELD}
          >
            <option value="" disabled>
              Choose an account
            </option>
            {accounts.map((account) => (
              <option key={account.id} value={account.id}>
                {account.name}
              </option>
            ))}
          </select>
          <FieldError id={`${prefix}-sourceConnectionId-error`} message={errors.sourceConnectionId} />
        </label>
        <label className="flex flex-col gap-1 text-sm">
          <span className="font-medium">Destination account</span>
          <select
            name="destinationConnectionId"
            required
            defaultValue={rule?.destinationConnectionId ?? ""}
            aria-describedby={describedBy("destinationConnectionId")}
            className={FIELD}
          >
            <option value="" disabled>
              {destinations.length ? "Choose an account" : "No linked account takes uploads"}
            </option>
            {destinations.map((account) => (
              <option key={account.id} value={account.id}>
                {account.name}
              </option>
            ))}
          </select>
          <FieldError id={`${prefix}-destinationConnectionId-error`} message={errors.destinationConnectionId} />
        </label>
      </div>
      <fieldset className="flex flex-col gap-2" aria-describedby={describedBy("activityTypes")}>
        <legend className="text-sm font-medium">Activity types</legend>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">None ticked forwards every type.</p>
        <div className="flex flex-wrap gap-x-4 gap-y-1">
          {ACTIVITY_TYPES.map((type) => (
            <label key={type} className="flex items-center gap-1.5 text-sm">
              <input
                type="checkbox"
                name="activityTypes"
                value={type}
                defaultChecked={rule?.activityTypes.includes(type)}
              />
              {typeLabel(type)}
            </label>
          ))}
        </div>
        <FieldError id={`${prefix}-activityTypes-error`} message={errors.activityTypes} />
      </fieldset>
      <div className="grid gap-4 sm:grid-cols-2">
        <label className="flex flex-col gap-1 text-sm">
          <span className="font-medium">Start date</span>
          <input
            type="date"
            name="startDate"
            defaultValue={rule?.startDate?.slice(0, 10) ?? ""}
            aria-describedby={describedBy("startDate")}
            className={FIELD}
          />
          <FieldError id={`${prefix}-startDate-error`} message={errors.startDate} />
        </label>
        <label className="flex flex-col gap-1 text-sm">
          <span className="font-medium">End date</span>
          <input
            type="date"
            name="endDate"
            defaultValue={rule?.endDate?.slice(0, 10) ?? ""}
            aria-describedby={describedBy("endDate")}
            className={FIELD}
          />
          <FieldError id={`${prefix}-endDate-error`} message={errors.endDate} />
        </label>
      </div>
      <fieldset className="flex flex-col gap-1 text-sm">
        <legend className="font-medium">When a copy is already on the destination</legend>
        <label className="flex items-center gap-1.5">
          <input
            type="radio"
            name="conflictStrategy"
            value="skip_existing"
            defaultChecked={(rule?.conflictStrategy ?? "skip_existing") === "skip_existing"}
          />
          Skip it
        </label>
        <label className="flex items-center gap-1.5">
          <input
            type="radio"
            name="conflictStrategy"
            value="replace_existing"
            defaultChecked={rule?.conflictStrategy === "replace_existing"}
          />
          Replace it (delete the copy, then upload)
        </label>
      </fieldset>
      <label className="flex items-center gap-1.5 text-sm">
        <input type="checkbox" name="enabled" defaultChecked={rule?.enabled ?? true} />
        Enabled: runs after each sync of the source account
      </label>
      {state?.error ? (
        <p role="alert" data-testid="forwarding-rule-error" className="text-sm text-red-600 dark:text-red-400">
          {state.error}
        </p>
      ) : null}
      <div className="flex gap-2">
        <SubmitButton pendingText="Saving…">{rule ? "Save rule" : "Create rule"}</SubmitButton>
        {rule ? (
          <button
            type="button"
            onClick={onDone}
            className="rounded-lg px-4 py-2.5 text-sm font-medium text-zinc-700 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800"
          >
            Cancel
          </button>
        ) : null}
      </div>
    </form>
  );
}
