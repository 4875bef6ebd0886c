import type { Metadata } from "next";
import { PageHeader } from "@/components/PageHeader";
import { requireUser } from "@/lib/auth/session";
import { getServerOrigin } from "@/lib/http/server-origin";
import { ConnectedSources } from "./ConnectedSources";
import { OAuthResultBanner } from "./OAuthResultBanner";

export const metadata: Metadata = { title: "Connected sources" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;
const single = (value: string | string[] | undefined) => (typeof value === "string" ? value : undefined);

export default async function ConnectedSourcesPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requireUser();
  const params = await searchParams;
  return (
    <>
      <PageHeader
        title="Connected sources"
        description="The accounts QT.run collects your data from. Connect one with a click; link several accounts of one provider if you have them."
      />
      <OAuthResultBanner
        connected={single(params.connected)}
        error={single(params.oauth_error)}
        provider={single(params.provider)}
      />
      <ConnectedSources userId={user.id} origin={await getServerOrigin()} />
    </>
  );
}
