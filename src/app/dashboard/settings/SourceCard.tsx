import type { ProviderConnection, SyncJob } from "@/lib/db/schema";
import { credentialEnvNames } from "@/lib/providers/client-credentials";
import type { CredentialProviderDefinition } from "@/lib/providers/credential-types";
import type { ProviderRoute } from "@/lib/providers/routing";
import type { ProviderDefinition } from "@/lib/providers/types";
import { AddAccountForm } from "./AddAccountForm";
import { ConnectionRow } from "./ConnectionRow";
import { CredentialConnectionRow } from "./CredentialConnectionRow";
import { PasswordLinkForm } from "./PasswordLinkForm";
import { ProviderBadge } from "./ProviderBadge";

const DATA_TYPE_LABELS: Record<string, string> = {
  activities: "Activities",
  sleep: "Sleep",
  daily: "Daily totals",
  heart_rate: "Heart rate",
  hrv: "HRV",
  readiness: "Readiness",
  recovery: "Recovery",
  strain: "Strain",
  steps: "Steps",
  stress: "Stress",
  weight: "Weight",
};

type SourceCardProps = {
  provider: ProviderDefinition;
  route: ProviderRoute["mode"];
  connections: ProviderConnection[];
  jobs: Map<string, SyncJob>;
  /** Unfinished forwarding runs by source connection. */
  forwardJobs?: Map<string, SyncJob>;
  /** Per connection, when a scheduled sync last found new rows (for a provider gone silent). */
  scheduledFinds?: Map<string, Date>;
  /** The ways to link this provider with the person's own password (one per region), if any. */
  passwordLink?: {
    sources: readonly CredentialProviderDefinition[];
    connections: ProviderConnection[];
    isSandbox: boolean;
  };
};

export function SourceCard({
  provider,
  route,
  connections,
  jobs,
  forwardJobs,
  scheduledFinds,
  passwordLink,
}: SourceCardProps) {
  const connectUrl = `/api/oauth/connect?provider=${provider.slug}`;
  const names = credentialEnvNames(provider.slug);
  return (
    <section
      aria-labelledby={`source-${provider.slug}`}
      className="flex flex-col gap-4 rounded-2xl border border-zinc-200 bg-white p-5 dark:border-zinc-800 dark:bg-zinc-900"
    >
      <header className="flex items-start gap-3">
        <ProviderBadge name={provider.name} color={provider.brandColor} />
        <div className="min-w-0 flex-1">
          <div className="flex flex-wrap items-center gap-2">
            <h2 id={`source-${provider.slug}`} className="font-semibold">
              {provider.name}
            </h2>
            {route === "sandbox" || route === "simulator" ? (
              <span
                title="No developer credentials are set, so a built-in simulator plays this provider."
                className="rounded-full bg-amber-100 px-2 py-0.5 text-xs font-semibold text-amber-800 dark:bg-amber-950 dark:text-amber-300"
              >
                {route === "sandbox" ? "Sandbox" : "Simulator"}
              </span>
            ) : null}
          </div>
          <p className="mt-0.5 text-sm text-zinc-600 dark:text-zinc-400">{provider.description}</p>
        </div>
      </header>
      <ul className="flex flex-wrap gap-1.5" aria-label="Data it provides">
        {provider.dataTypes.map((type) => (
          <li
            key={type}
            className="rounded-md bg-zinc-100 px-2 py-0.5 text-xs text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300"
          >
            {DATA_TYPE_LABELS[type] ?? type}
          </li>
        ))}
      </ul>
      {connections.length || passwordLink?.connections.length ? (
        <ul className="divide-y divide-zinc-100 border-t border-zinc-100 dark:divide-zinc-800 dark:border-zinc-800">
          {connections.map((connection) => (
            <ConnectionRow
              key={connection.id}
              connection={connection}
              provider={provider}
              job={jobs.get(connection.id)}
              forwardJob={forwardJobs?.get(connection.id)}
              lastScheduledFindAt={scheduledFinds?.get(connection.id)}
            />
          ))}
          {passwordLink?.connections.map((connection) => {
            const source = passwordLink.sources.find((candidate) => candidate.slug === connection.provider);
            return source ? (
              <CredentialConnectionRow
                key={connection.id}
                connection={connection}
                source={source}
                job={jobs.get(connection.id)}
                forwardJob={forwardJobs?.get(connection.id)}
              />
            ) : null;
          })}
        </ul>
      ) : null}
      <footer className="mt-auto flex flex-wrap items-center gap-3">
        {route === "not_configured" ? (
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            Not configured: an admin adds its app under Settings → Provider apps, or sets{" "}
            <code className="text-xs">{names.clientId}</code> and <code className="text-xs">{names.clientSecret}</code>.
          </p>
        ) : connections.length ? (
          <AddAccountForm provider={provider.slug} providerName={provider.name} />
        ) : (
          <a
            href={connectUrl}
            className="rounded-lg bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700"
            aria-label={`Connect ${provider.name}`}
          >
            Connect
          </a>
        )}
        {passwordLink?.sources.length ? (
          <PasswordLinkForm
            family={provider.slug}
            familyName={passwordLink.sources[0]!.familyName}
            regions={passwordLink.sources.map((source) => ({ region: source.region, name: source.regionName }))}
            tokenFiles={passwordLink.sources[0]!.auth.tokenFiles ?? []}
            tokenFileHint={passwordLink.sources[0]!.auth.tokenFileHint ?? ""}
            isSandbox={passwordLink.isSandbox}
          />
        ) : null}
        {provider.legacyOAuth1 && route !== "not_configured" ? (
          <a
            href={`${connectUrl}&legacy=1`}
            className="text-xs text-zinc-500 hover:underline"
            title="Garmin retires OAuth 1.0a on 31 December 2026"
          >
            Use legacy sign-in (OAuth 1.0a)
          </a>
        ) : null}
      </footer>
    </section>
  );
}
