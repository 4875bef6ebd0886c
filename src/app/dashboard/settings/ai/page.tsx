import type { Metadata } from "next";
import { CopyButton } from "@/components/CopyButton";
import { EmptyState } from "@/components/EmptyState";
import { PageHeader } from "@/components/PageHeader";
import { requireUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { getServerOrigin } from "@/lib/http/server-origin";
import { listAiSharing } from "@/lib/mcp/ai-sharing";
import { AiSharingForm } from "./AiSharingForm";

export const metadata: Metadata = { title: "AI tools" };

const clientConfig = (url: string) =>
  JSON.stringify(
    { mcpServers: { "qt-run": { type: "http", url, headers: { Authorization: "Bearer qt_…your read key…" } } } },
    null,
    2,
  );

export default async function AiToolsPage() {
  const user = await requireUser();
  const rows = await listAiSharing(await getDb(), { userId: user.id });
  const mcpUrl = `${await getServerOrigin()}/api/mcp`;
  return (
    <>
      <PageHeader
        title="AI tools"
        description="Let an AI assistant (Claude, ChatGPT, an IDE) read your training, sleep and body data through QT.run's MCP server. It can read, never change anything, and sees only the sources you tick below."
      />
      <div className="flex flex-col gap-8">
        <section className="rounded-2xl border border-zinc-200 bg-white p-5 dark:border-zinc-800 dark:bg-zinc-900">
          <h2 className="mb-2 text-lg font-semibold">Connect an AI client</h2>
          <ol className="mb-3 list-decimal space-y-1 pl-5 text-sm text-zinc-600 dark:text-zinc-400">
            <li>
              Create a key with the <strong>read</strong> scope under{" "}
              <a className="underline" href="/dashboard/settings/api-keys">
                API keys
              </a>
              .
            </li>
            <li>Add the server below to your client, with the key as a bearer token.</li>
          </ol>
          <div className="mb-3 flex items-center gap-2">
            <code className="truncate rounded bg-zinc-100 px-2 py-1 text-sm dark:bg-zinc-800">{mcpUrl}</code>
            <CopyButton value={mcpUrl} />
          </div>
          <pre className="overflow-x-auto rounded-lg bg-zinc-100 p-3 text-xs dark:bg-zinc-800">
            {clientConfig(mcpUrl)}
          </pre>
        </section>
        <section className="rounded-2xl border border-zinc-200 bg-white p-5 dark:border-zinc-800 dark:bg-zinc-900">
          <h2 className="mb-2 text-lg font-semibold">Sources AI tools may read</h2>
          <p className="mb-3 text-sm text-zinc-600 dark:text-zinc-400">
            Strava&apos;s API terms, since November 2024, forbid using data obtained from its API in AI models, so
            Strava is unticked until you tick it yourself. Every other source is shared until you untick it. An answer
            that leaves something out says how many items and why.
          </p>
          {rows.length ? (
            <AiSharingForm rows={rows} />
          ) : (
            <EmptyState title="No sources yet" action={{ href: "/dashboard/settings", label: "Connect a source" }}>
              Once data arrives from a source, it is listed here to share or keep from AI tools.
            </EmptyState>
          )}
        </section>
      </div>
    </>
  );
}
