import http from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import { afterAll, beforeAll } from "vitest";
import { handleProviderWebhook } from "@/lib/webhooks/handle-webhook";
import type { TestDatabase } from "./databases";
import { APP_ORIGIN } from "./oauth-driver";

/**
 * A bare HTTP endpoint standing in for /api/webhooks/<slug>, so a simulator can post to it. The
 * handler gets the request as Next hands it to the route: its body still streaming.
 */
export async function serveWebhooks(handle: (slug: string, request: Request) => Promise<Response>) {
  const server = http.createServer(async (incoming, outgoing) => {
    const url = new URL(`http://${incoming.headers.host}${incoming.url}`);
    const headers = new Headers(Object.entries(incoming.headers).flatMap(([name, value]) => (typeof value === "string" ? [[name, value] as [string, string]] : [])));
    const hasBody = incoming.method !== "GET" && incoming.method !== "HEAD";
    const request = new Request(url, { method: incoming.method, headers, ...(hasBody ? { body: Readable.toWeb(incoming) as ReadableStream, duplex: "half" } : {}) } as RequestInit);
    const response = await handle(url.pathname.slice(1), request);
    // A refusal may come before the body was read: drop the rest rather than leave the sender hanging.
    if (!incoming.complete) incoming.resume();
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
