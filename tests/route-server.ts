import http from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";

// Params are whatever the route names; each handler parses its own, as in Next.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type RouteHandler = (request: Request, context: { params: Promise<any> }) => Promise<Response>;

/**
 * Route handlers on a port, as Next serves them: `routes` maps a path pattern (`/api/activities/:id/file`)
 * to the handler a route file exports. The response body is streamed to the socket with its
 * back-pressure, and a client that hangs up cancels it, as in Next, so tests see what a
 * browser or curl would.
 */
export async function serveRoutes(routes: Record<string, RouteHandler>) {
  const matchers = Object.entries(routes).map(([pattern, handler]) => {
    const names: string[] = [];
    const regex = new RegExp(`^${pattern.replace(/:(\w+)/g, (_, name: string) => (names.push(name), "([^/]+)"))}$`);
    return { regex, names, handler };
  });
  const server = http.createServer(async (incoming, outgoing) => {
    const url = new URL(incoming.url ?? "/", `http://${incoming.headers.host}`);
    const route = matchers.find(({ regex }) => regex.test(url.pathname));
    if (!route) {
      outgoing.writeHead(404).end();
      return;
    }
    const values = route.regex.exec(url.pathname)!.slice(1).map(decodeURIComponent);
    const params = Object.fromEntries(route.names.map((name, i) => [name, values[i]!]));
    const headers = new Headers(
      Object.entries(incoming.headers).flatMap(([name, value]) =>
        typeof value === "string" ? [[name, value] as [string, string]] : [],
      ),
    );
    const response = await route.handler(new Request(url, { method: incoming.method, headers }), {
      params: Promise.resolve(params),
    });
    outgoing.writeHead(response.status, Object.fromEntries(response.headers));
    if (!response.body) {
      outgoing.end();
      return;
    }
    await pipeline(Readable.fromWeb(response.body as never), outgoing).catch(() => {
      // The client hung up: pipeline has cancelled the body, which is what is under test.
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
