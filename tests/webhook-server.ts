import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll } from "vitest";
import { handleProviderWebhook } from "@/lib/webhooks/handle-webhook";
import type { TestDatabase } from "./databases";
import { APP_ORIGIN } from "./oauth-driver";

/**
 * The request's body as a web stream, with a way to discard what the handler left unread (as
 * Node's server does once a response is sent, so a sender still uploading reads the answer).
 */
function streamBody(incoming: http.IncomingMessage) {
  let isDiscarding = false;
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      incoming.pause();
      incoming.on("data", (chunk: Buffer) => {
        if (isDiscarding) return;
        controller.enqueue(new Uint8Array(chunk));
        if ((controller.desiredSize ?? 0) <= 0) incoming.pause();
      });
      incoming.on("end", () => !isDiscarding && controller.close());
    },
    pull: () => void incoming.resume(),
    cancel: () => void incoming.destroy(),
  });
  const discardRest = () =>
    incoming.complete
      ? Promise.resolve()
      : new Promise<void>(
          (resolve) => ((isDiscarding = true), incoming.on("end", resolve).on("close", resolve).resume()),
        );
  return { body, discardRest };
}

/**
 * A bare HTTP endpoint standing in for /api/webhooks/<slug>, so a simulator can post to it. The
 * handler gets the request as Next hands it to the route: its body still streaming.
 */
export async function serveWebhooks(handle: (slug: string, request: Request) => Promise<Response>) {
  const server = http.createServer(async (incoming, outgoing) => {
    const url = new URL(`http://${incoming.headers.host}${incoming.url}`);
    const headers = new Headers(
      Object.entries(incoming.headers).flatMap(([name, value]) =>
        typeof value === "string" ? [[name, value] as [string, string]] : [],
      ),
    );
    const hasBody = incoming.method !== "GET" && incoming.method !== "HEAD";
    const { body, discardRest } = streamBody(incoming);
    const request = new Request(url, {
      method: incoming.method,
      headers,
      ...(hasBody ? { body, duplex: "half" } : {}),
    } as RequestInit);
    const response = await handle(url.pathname.slice(1), request);
    await discardRest();
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
  return serveWebhooks((path, request) =>
    handleProviderWebhook(database.db, path.replace(/^api\/webhooks\//, ""), request, APP_ORIGIN),
  );
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
