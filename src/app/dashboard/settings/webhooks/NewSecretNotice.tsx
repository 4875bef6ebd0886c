import { CopyButton } from "@/components/CopyButton";

/** The signing secret, shown once: it is stored sealed and never sent to the browser again. */
export function NewSecretNotice({ url, secret }: { url: string; secret: string }) {
  return (
    <div
      role="status"
      className="rounded-xl border border-emerald-300 bg-emerald-50 p-4 dark:border-emerald-800 dark:bg-emerald-950"
    >
      <p className="text-sm font-medium text-emerald-900 dark:text-emerald-200">
        Signing secret for {url}. Copy it now: it will not be shown again.
      </p>
      <div className="mt-2 flex items-center gap-2">
        <code
          data-testid="new-webhook-secret"
          className="min-w-0 flex-1 truncate rounded-md bg-white px-2 py-1.5 font-mono text-sm dark:bg-zinc-900"
        >
          {secret}
        </code>
        <CopyButton value={secret} />
      </div>
    </div>
  );
}
