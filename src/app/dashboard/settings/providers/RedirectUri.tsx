import { CopyButton } from "@/components/CopyButton";

/** The callback to register at the provider, exactly as the OAuth flow sends it. */
export function RedirectUri({ uri, providerName }: { uri: string; providerName: string }) {
  return (
    <div className="flex flex-col gap-1.5">
      <p className="text-sm font-medium">Redirect URI to register at {providerName}</p>
      <div className="flex items-center gap-2 rounded-lg bg-zinc-100 px-3 py-2 dark:bg-zinc-800">
        <code className="min-w-0 flex-1 truncate text-xs" data-testid="redirect-uri">
          {uri}
        </code>
        <CopyButton value={uri} label="Copy URI" />
      </div>
    </div>
  );
}
