"use client";

import { useActionState } from "react";
import { checkCredentialsAction, type CheckCredentialsState } from "./actions";

const VERDICT_STYLES = {
  accepted: "bg-emerald-50 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-300",
  rejected: "bg-red-50 text-red-800 dark:bg-red-950 dark:text-red-300",
  unknown: "bg-amber-50 text-amber-800 dark:bg-amber-950 dark:text-amber-300",
} as const;

const VERDICT_LABELS = { accepted: "Right", rejected: "Wrong", unknown: "Cannot tell" } as const;

/** "Test credentials": one token-endpoint call with the client in use (see lib/provider-apps/check-credentials.ts). */
export function CredentialCheckButton({ provider, isDisabled }: { provider: string; isDisabled: boolean }) {
  const [state, formAction, isPending] = useActionState<CheckCredentialsState, FormData>(checkCredentialsAction, null);
  return (
    <div className="flex flex-col gap-2">
      <form action={formAction}>
        <input type="hidden" name="provider" value={provider} />
        <button
          type="submit"
          disabled={isDisabled || isPending}
          className="rounded-lg border border-zinc-300 px-3 py-1.5 text-sm font-medium hover:bg-zinc-100 disabled:opacity-60 dark:border-zinc-700 dark:hover:bg-zinc-800"
        >
          {isPending ? "Testing…" : "Test credentials"}
        </button>
      </form>
      {state && "verdict" in state ? (
        <p role="status" className={`rounded-lg px-3 py-2 text-sm ${VERDICT_STYLES[state.verdict]}`}>
          <strong>{VERDICT_LABELS[state.verdict]}:</strong> {state.message}
        </p>
      ) : null}
      {state && "error" in state ? (
        <p role="alert" className="text-sm text-red-600 dark:text-red-400">
          {state.error}
        </p>
      ) : null}
    </div>
  );
}
