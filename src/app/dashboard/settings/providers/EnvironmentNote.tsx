/** A client pinned by the environment: shown, never editable here (the environment wins). */
export function EnvironmentNote({
  clientId,
  envNames,
}: {
  clientId: string;
  envNames: { clientId: string; clientSecret: string };
}) {
  return (
    <dl className="grid gap-3 text-sm sm:grid-cols-2">
      <div className="flex flex-col gap-1">
        <dt className="font-medium">Client id</dt>
        <dd className="truncate font-mono text-xs">{clientId}</dd>
        <dd className="text-xs text-zinc-500">
          Set by the environment: <code>{envNames.clientId}</code>
        </dd>
      </div>
      <div className="flex flex-col gap-1">
        <dt className="font-medium">Client secret</dt>
        <dd className="text-xs text-zinc-500">
          Set by the environment: <code>{envNames.clientSecret}</code>
        </dd>
      </div>
      <p className="text-xs text-zinc-500 sm:col-span-2">
        The environment wins over anything saved here; change or unset these variables to manage this app from the page.
      </p>
    </dl>
  );
}
