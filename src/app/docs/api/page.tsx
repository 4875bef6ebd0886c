import type { Metadata } from "next";
import { PageHeader } from "@/components/PageHeader";
import { buildOpenApiDocument } from "@/lib/api-v1/openapi";
import { EndpointDoc } from "./EndpointDoc";

export const metadata: Metadata = { title: "API" };

// The read API's reference, rendered from the same OpenAPI document /api/v1/openapi.json serves,
// so the page lists exactly what the routes accept. Public: it describes the API, not anyone's data.
export default function ApiDocsPage() {
  const document = buildOpenApiDocument();
  return (
    <main className="mx-auto flex max-w-4xl flex-col gap-6 px-4 py-10">
      <PageHeader title={document.info.title} description={`Version ${document.info.version}`}>
        <a className="text-sm font-medium underline" href="/api/v1/openapi.json">
          openapi.json
        </a>
      </PageHeader>
      <section className="flex flex-col gap-3 text-sm text-zinc-700 dark:text-zinc-300">
        {document.info.description.split("\n\n").map((paragraph) => (
          <p key={paragraph}>{paragraph}</p>
        ))}
        <p>
          Create a key with the <code>read</code> scope under{" "}
          <a className="underline" href="/dashboard/settings/api-keys">
            Settings → API keys
          </a>
          , then: <code>curl -H &quot;X-API-Key: $KEY&quot; &lt;your URL&gt;/api/v1/activities?limit=20</code>
        </p>
      </section>
      <ul className="flex flex-col gap-4">
        {Object.entries(document.paths).map(([path, item]) => (
          <EndpointDoc key={path} path={path} operation={item.get} />
        ))}
      </ul>
    </main>
  );
}
