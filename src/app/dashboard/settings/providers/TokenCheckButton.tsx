"use client";

import { useActionState } from "react";
import { checkTokenAction, type CheckTokenState } from "./actions";

/** "Test current token" for one of the admin's own connections: reads its profile at the provider. */
export function TokenCheckButton({ connectionId, accountName }: { connectionId: string; accountName: string }) {
  const [state, formAction, isPending] = useActionState<CheckTokenState, FormData>(checkTokenAction, null);
  return (
    <div className="flex flex-col gap-1.5">
      <form action={formAction} className="flex flex-wrap items-center gap-2">
        <input type="hidden" name="connectionId" value={connectionId} />
        <span className="min-w-0 flex-1 truncate text-sm">{accountName}</span>
        <button
          type="submit"
          disabled={isPending}
          aria-label={`Test current token of ${accountName}`}
          className="rounded-lg border border-zinc-300 px-3 py-1.5 text-sm font-medium hover:bg-zinc-100 disabled:opacity-60 dark:border-zinc-700 dark:hover:bg-zinc-800"
        >
          {isPending ? "Testing…" : "Test current token"}
        </button>
      </form>
      {state ? (
        <p
          role="status"
          className={`rounded-lg px-3 py-2 text-sm ${
            state.ok
              ? "bg-emerald-50 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-300"
              : "bg-red-50 text-red-800 dark:bg-red-950 dark:text-red-300"
          }`}
        >
          {state.message}
        </p>
      ) : null}
    </div>
  );
}
