import type { Metadata } from "next";
import { PageHeader } from "@/components/PageHeader";
import { requireUser } from "@/lib/auth/session";
import { ConnectedSources } from "./ConnectedSources";

export const metadata: Metadata = { title: "Connected sources" };

export default async function ConnectedSourcesPage() {
  await requireUser();
  return (
    <>
      <PageHeader title="Connected sources" description="The accounts and devices QT.run collects your data from." />
      <ConnectedSources />
    </>
  );
}
