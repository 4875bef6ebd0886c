"use client";

import { useFormStatus } from "react-dom";
import { tryStreamAgainAction } from "./actions";

function Submit({ label }: { label: string }) {
  const { pending } = useFormStatus();
  return (
    <button
      disabled={pending}
      className="rounded-md px-2 py-0.5 text-xs font-medium text-brand-700 hover:bg-zinc-100 disabled:opacity-60 dark:text-brand-500 dark:hover:bg-zinc-800"
    >
      {pending ? "Queuing…" : `Try ${label} again`}
    </button>
  );
}

export function TryStreamAgainButton({
  connectionId,
  stream,
  label,
}: {
  connectionId: string;
  stream: string;
  label: string;
}) {
  return (
    <form action={tryStreamAgainAction} className="inline">
      <input type="hidden" name="connectionId" value={connectionId} />
      <input type="hidden" name="stream" value={stream} />
      <Submit label={label} />
    </form>
  );
}
