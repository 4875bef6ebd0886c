import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll } from "vitest";
import { handleProviderWebhook } from "@/lib/webhooks/handle-webhook";
import type { WebhookRequest } from "@/lib/webhooks/types";
import type { TestDatabase } from "./databases";
import { APP_ORIGIN } from "./oauth-driver";

/** A bare HTTP endpoint standing in for /api/webhooks/<slug>, so a simulator can post to it. */
export async function serveWebhooks(handle: (slug: string, request: WebhookRequest) => Promise<Response>) {
  const server = http.createServer(async (incoming, outgoing) => {
    const chunks: Buffer[] = [];
    for await (const chunk of incoming) chunks.push(chunk as Buffer);
    const url = new URL(`http://${incoming.headers.host}${incoming.url}`);
    const headers = new Headers(Object.entries(incoming.headers).flatMap(([name, value]) => (typeof value === "string" ? [[name, value] as [string, string]] : [])));
    const response = await handle(url.pathname.slice(1), { method: incoming.method ?? "GET", url, headers, rawBody: Buffer.concat(chunks).toString("utf8") });
    outgoing.writeHead(response.status, Object.fromEntries(response.headers));
    outgoing.end(Buffer.from(await response.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Our real /api/webhooks/<slug> route on a port, as a provider reaches it at the callback URL we register. */
export function serveWebhookRoute(database: TestDatabase) {
  return serveWebhooks((path, request) => handleProviderWebhook(database.db, path.replace(/^api\/webhooks\//, ""), request, APP_ORIGIN));
}

/**
 * serveWebhookRoute for the whole test file (beforeAll to afterAll), so a simulator can put its
 * challenge or PING to our callback URL. Read `url` inside tests.
 */
export function setUpWebhookRoute(database: TestDatabase) {
  let server: Awaited<ReturnType<typeof serveWebhookRoute>> | undefined;
  beforeAll(async () => {
    server = await serveWebhookRoute(database);
  });
  afterAll(async () => {
    await server?.close();
  });
  return {
    get url() {
      if (!server) throw new Error("the webhook route starts in beforeAll");
      return server.url;
    },
  };
}
