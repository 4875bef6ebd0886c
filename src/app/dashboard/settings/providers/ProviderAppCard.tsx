import Link from "next/link";
import type { ProviderAppView } from "@/lib/provider-apps/settings";
import { ProviderBadge } from "../ProviderBadge";
import { ClientCredentialsForm } from "./ClientCredentialsForm";
import { CredentialCheckButton } from "./CredentialCheckButton";
import { EnvironmentNote } from "./EnvironmentNote";
import { ModePill } from "./ModePill";
import { RedirectUri } from "./RedirectUri";
import { TokenCheckButton } from "./TokenCheckButton";

const CHECK_NOTES = {
  reliable: "",
  unconfirmed: "Its answer is read as the OAuth standard has it; not confirmed for this provider.",
  none: "This check cannot tell a wrong secret from a right one for this provider.",
} as const;

/** One provider's app: its client, where to register, and the two checks. */
export function ProviderAppCard({ view }: { view: ProviderAppView }) {
  const { provider, client } = view;
  const headingId = `provider-app-${provider.slug}`;
  return (
    <section
      aria-labelledby={headingId}
      className="flex flex-col gap-5 rounded-2xl border border-zinc-200 bg-white p-5 dark:border-zinc-800 dark:bg-zinc-900"
    >
      <header className="flex items-start gap-3">
        <ProviderBadge name={provider.name} color={provider.brandColor} />
        <div className="min-w-0 flex-1">
          <div className="flex flex-wrap items-center gap-2">
            <h2 id={headingId} className="font-semibold">
              {provider.name}
            </h2>
            <ModePill mode={view.mode} />
          </div>
          <p className="mt-0.5 text-sm text-zinc-600 dark:text-zinc-400">
            {provider.developerPortalUrl ? (
              <>
                Register an app at{" "}
                <a
                  href={provider.developerPortalUrl}
                  target="_blank"
                  rel="noreferrer"
                  className="text-brand-700 hover:underline dark:text-brand-500"
                >
                  {new URL(provider.developerPortalUrl).host}
                </a>
                , then enter its client id and secret here.
              </>
            ) : (
              <>Apply to {provider.name}&apos;s partner program for a client id and secret, then enter them here.</>
            )}
          </p>
        </div>
      </header>

      <RedirectUri uri={view.redirectUri} providerName={provider.name} />

      {client.source === "env" ? (
        <EnvironmentNote clientId={client.clientId} envNames={view.envNames} />
      ) : (
        <>
          {client.source === "unreadable" ? (
            <p role="alert" className="text-sm text-red-600 dark:text-red-400">
              {client.message}
            </p>
          ) : null}
          {client.source === "none" ? (
            <p className="text-sm text-zinc-600 dark:text-zinc-400">
              Nothing saved.{" "}
              {view.mode === "not_configured"
                ? `Nobody can connect ${provider.name} until a client is saved here (or ${view.envNames.clientId} and ${view.envNames.clientSecret} are set).`
                : `The built-in sandbox plays ${provider.name} until a client is saved here.`}
            </p>
          ) : null}
          <ClientCredentialsForm
            provider={provider.slug}
            providerName={provider.name}
            saved={
              client.source === "database"
                ? {
                    clientId: client.clientId,
                    secretHint: client.secretHint,
                    updatedAt: client.updatedAt.toISOString(),
                  }
                : undefined
            }
          />
        </>
      )}

      <div className="flex flex-col gap-2 border-t border-zinc-100 pt-4 dark:border-zinc-800">
        <h3 className="text-sm font-semibold">Test credentials</h3>
        <p className="text-xs text-zinc-500">
          Sends {provider.name}&apos;s token endpoint a made-up code with the client in use; nothing is granted.{" "}
          {CHECK_NOTES[view.credentialCheck.verdict]} {view.credentialCheck.answers}
        </p>
        <CredentialCheckButton provider={provider.slug} isDisabled={view.mode === "not_configured"} />
      </div>

      <div className="flex flex-col gap-2 border-t border-zinc-100 pt-4 dark:border-zinc-800">
        <h3 className="text-sm font-semibold">Test current token</h3>
        {view.connections.length ? (
          <ul className="flex flex-col gap-2">
            {view.connections.map((connection) => (
              <li key={connection.id}>
                <TokenCheckButton
                  connectionId={connection.id}
                  accountName={connection.label ?? connection.externalUserId}
                />
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            Connect a {provider.name} account under{" "}
            <Link href="/dashboard/settings" className="text-brand-700 hover:underline dark:text-brand-500">
              Connected sources
            </Link>{" "}
            to test its token here.
          </p>
        )}
      </div>
    </section>
  );
}
