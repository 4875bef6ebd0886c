import type { Metadata } from "next";
import { EmptyState } from "@/components/EmptyState";
import { PageHeader } from "@/components/PageHeader";
import { requireUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { listApiKeys } from "@/lib/db/queries/api-keys";
import { getServerOrigin } from "@/lib/http/server-origin";
import { CreateKeyForm } from "./CreateKeyForm";
import { KeyRow } from "./KeyRow";
import { SetupPanel } from "./SetupPanel";

export const metadata: Metadata = { title: "API keys" };

export default async function ApiKeysPage() {
  const user = await requireUser();
  const keys = await listApiKeys(await getDb(), { userId: user.id });
  const ingestUrl = `${await getServerOrigin()}/api/webhooks/ingest`;
  return (
    <>
      <PageHeader
        title="API keys"
        description="Keys let your phone push Apple Health and Health Connect data to QT.run, and scripts read it back. Each key is shown once; we keep only its hash."
      >
        <a className="text-sm font-medium underline" href="/docs/api">
          Read API reference
        </a>
      </PageHeader>
      <div className="flex flex-col gap-8">
        <section className="rounded-2xl border border-zinc-200 bg-white p-5 dark:border-zinc-800 dark:bg-zinc-900">
          <CreateKeyForm />
          {keys.length ? (
            <ul className="mt-4 divide-y divide-zinc-100 border-t border-zinc-100 dark:divide-zinc-800 dark:border-zinc-800">
              {keys.map((apiKey) => (
                <KeyRow key={apiKey.id} apiKey={apiKey} />
              ))}
            </ul>
          ) : (
            <div className="mt-4">
              <EmptyState title="No API keys yet">
                Create one for each phone that sends data, so you can revoke one without touching the others.
              </EmptyState>
            </div>
          )}
        </section>
        <section>
          <h2 className="mb-3 text-lg font-semibold">Set up your phone</h2>
          <SetupPanel ingestUrl={ingestUrl} />
        </section>
      </div>
    </>
  );
}
