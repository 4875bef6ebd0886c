import type { Metadata } from "next";
import { PageHeader } from "@/components/PageHeader";
import { requireAdminPage } from "@/lib/auth/admin-page";
import { requireUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { getServerOrigin } from "@/lib/http/server-origin";
import { listProviderAppViews } from "@/lib/provider-apps/settings";
import { ProviderAppCard } from "./ProviderAppCard";

export const metadata: Metadata = { title: "Provider apps" };

export default async function ProviderAppsPage() {
  const user = await requireUser();
  const db = await getDb();
  await requireAdminPage(db, user);
  const views = await listProviderAppViews(db, { actor: user, origin: await getServerOrigin() });
  return (
    <>
      <PageHeader
        title="Provider apps"
        description="The developer apps QT.run connects to each provider with, for everyone on this install. Secrets are stored encrypted and never shown again; variables set in the environment win."
      />
      <div className="grid gap-4 xl:grid-cols-2">
        {views.map((view) => (
          <ProviderAppCard key={view.provider.slug} view={view} />
        ))}
      </div>
    </>
  );
}
