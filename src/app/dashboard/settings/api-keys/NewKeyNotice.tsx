import { CopyButton } from "@/components/CopyButton";

/** The key, shown once: only its hash is kept, so this is the one chance to copy it. */
export function NewKeyNotice({ name, apiKey }: { name: string; apiKey: string }) {
  return (
    <div
      role="status"
      className="rounded-xl border border-emerald-300 bg-emerald-50 p-4 dark:border-emerald-800 dark:bg-emerald-950"
    >
      <p className="text-sm font-medium text-emerald-900 dark:text-emerald-200">
        Your new key “{name}”. Copy it now: it will not be shown again.
      </p>
      <div className="mt-2 flex items-center gap-2">
        <code
          data-testid="new-api-key"
          className="min-w-0 flex-1 truncate rounded-md bg-white px-2 py-1.5 font-mono text-sm dark:bg-zinc-900"
        >
          {apiKey}
        </code>
        <CopyButton value={apiKey} />
      </div>
    </div>
  );
}
