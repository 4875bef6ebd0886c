"use client";

import { useFormStatus } from "react-dom";
import { syncNowAction } from "./actions";

function Submit() {
  const { pending } = useFormStatus();
  return (
    <button
      disabled={pending}
      className="rounded-lg px-2.5 py-1.5 text-sm font-medium text-zinc-600 hover:bg-zinc-100 disabled:opacity-60 dark:text-zinc-400 dark:hover:bg-zinc-800"
    >
      {pending ? "Queuing…" : "Sync now"}
    </button>
  );
}

export function SyncNowButton({ connectionId }: { connectionId: string }) {
  return (
    <form action={syncNowAction}>
      <input type="hidden" name="connectionId" value={connectionId} />
      <Submit />
    </form>
  );
}
