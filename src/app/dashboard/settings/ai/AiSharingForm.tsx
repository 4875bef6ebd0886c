"use client";

import { useActionState } from "react";
import { SubmitButton } from "@/components/SubmitButton";
import type { AiSharingRow } from "@/lib/mcp/ai-sharing";
import { saveAiSharingAction, type AiSharingState } from "./actions";

/** A checkbox per source: ticked, AI tools may read its data. */
export function AiSharingForm({ rows }: { rows: AiSharingRow[] }) {
  const [state, action, isPending] = useActionState<AiSharingState, FormData>(saveAiSharingAction, null);
  return (
    <form action={action} className="flex flex-col gap-4" aria-busy={isPending}>
      <ul className="divide-y divide-zinc-100 dark:divide-zinc-800">
        {rows.map((row) => (
          <li key={row.provider} className="py-3">
            <input type="hidden" name="listed" value={row.provider} />
            <label className="flex items-start gap-3 text-sm">
              <input
                type="checkbox"
                name="allowed"
                value={row.provider}
                defaultChecked={row.isAllowed}
                className="mt-0.5 h-4 w-4"
                data-testid={`ai-share-${row.provider}`}
              />
              <span>
                <span className="font-medium">{row.label}</span>
                {row.restriction ? (
                  <span className="mt-1 block text-xs text-amber-700 dark:text-amber-400">{row.restriction}</span>
                ) : null}
              </span>
            </label>
          </li>
        ))}
      </ul>
      <div className="flex items-center gap-3">
        <SubmitButton pendingText="Saving…" isPending={isPending}>
          Save
        </SubmitButton>
        {state && "saved" in state ? (
          <p role="status" className="text-sm text-zinc-600 dark:text-zinc-400">
            Saved. AI tools see the change on their next request.
          </p>
        ) : null}
        {state && "error" in state ? (
          <p role="alert" className="text-sm text-red-700 dark:text-red-400">
            {state.error}
          </p>
        ) : null}
      </div>
    </form>
  );
}
