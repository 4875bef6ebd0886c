"use client";

import { useFormStatus } from "react-dom";
import { processUnfinishedPushesAction } from "./actions";

function Submit() {
  const { pending } = useFormStatus();
  return (
    <button
      disabled={pending}
      className="rounded-lg px-2.5 py-1.5 text-sm font-medium text-zinc-600 hover:bg-zinc-100 disabled:opacity-60 dark:text-zinc-400 dark:hover:bg-zinc-800"
    >
      {pending ? "Processing…" : "Process now"}
    </button>
  );
}

/** Bodies kept but never processed (the app stopped mid-way); start-up does this too. */
export function UnfinishedPushes({ count }: { count: number }) {
  if (count === 0) return null;
  return (
    <form
      action={processUnfinishedPushesAction}
      className="flex flex-wrap items-center gap-2 text-sm text-amber-700 dark:text-amber-400"
      data-testid="unfinished-pushes"
    >
      <span>
        {count === 1 ? "1 push was" : `${count} pushes were`} received but not processed (the app stopped mid-way).
      </span>
      <Submit />
    </form>
  );
}
