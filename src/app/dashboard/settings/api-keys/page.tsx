import type { Metadata } from "next";
import { EmptyState } from "@/components/EmptyState";
import { PageHeader } from "@/components/PageHeader";
import { requireUser } from "@/lib/auth/session";

export const metadata: Metadata = { title: "API keys" };

export default async function ApiKeysPage() {
  await requireUser();
  return (
    <>
      <PageHeader title="API keys" description="Keys let your phone push Apple Health and Health Connect data to QT.run." />
      <EmptyState title="No API keys yet">
        Phone push with an <code className="rounded bg-zinc-100 px-1 dark:bg-zinc-800">X-API-Key</code> header is not available
        yet; when it is, you will create a key here and paste it into Health Auto Export or HC Webhook.
      </EmptyState>
    </>
  );
}
