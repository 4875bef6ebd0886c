import http from "node:http";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { compileRoutes, listenLocally, requestHeaders, type RouteHandler } from "./route-matching";

/**
 * Route handlers on a port, as Next serves them: `routes` maps a path pattern (`/api/activities/:id/file`)
 * to the handler a route file exports. The response body is streamed to the socket with its
 * back-pressure, and a client that hangs up cancels it, as in Next, so tests see what a
 * browser or curl would.
 */
export async function serveRoutes(routes: Record<string, RouteHandler>) {
  const matcher = compileRoutes(routes);
  const server = http.createServer(async (incoming, outgoing) => {
    const url = new URL(incoming.url ?? "/", `http://${incoming.headers.host}`);
    const route = matcher.match(url.pathname);
    if (!route) {
      outgoing.writeHead(404).end();
      return;
    }
    const response = await route.served(
      new Request(url, { method: incoming.method, headers: requestHeaders(incoming) }),
      {
        params: Promise.resolve(route.params),
      },
    );
    outgoing.writeHead(response.status, Object.fromEntries(response.headers));
    if (!response.body) {
      outgoing.end();
      return;
    }
    await pipeline(Readable.fromWeb(response.body as never), outgoing).catch(() => {
      // The client hung up: pipeline has cancelled the body, which is what is under test.
    });
  });
  return listenLocally(server);
}
