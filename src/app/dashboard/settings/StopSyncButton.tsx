"use client";

import { useFormStatus } from "react-dom";
import { setSyncStoppedAction } from "./credential-actions";

function Submit({ isStopped }: { isStopped: boolean }) {
  const { pending } = useFormStatus();
  return (
    <button
      disabled={pending}
      className="rounded-lg px-2.5 py-1.5 text-sm font-medium text-zinc-600 hover:bg-zinc-100 disabled:opacity-60 dark:text-zinc-400 dark:hover:bg-zinc-800"
    >
      {isStopped ? "Resume syncing" : "Stop syncing"}
    </button>
  );
}

/** The stop switch: while on, no sync runs and the provider is asked nothing for this account. */
export function StopSyncButton({ connectionId, isStopped }: { connectionId: string; isStopped: boolean }) {
  return (
    <form action={setSyncStoppedAction}>
      <input type="hidden" name="connectionId" value={connectionId} />
      <input type="hidden" name="stop" value={isStopped ? "false" : "true"} />
      <Submit isStopped={isStopped} />
    </form>
  );
}
