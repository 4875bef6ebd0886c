import http from "node:http";
import type { AddressInfo } from "node:net";

// Params are whatever the route names; each handler parses its own, as in Next.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type RouteHandler = (request: Request, context: { params: Promise<any> }) => Promise<Response>;
type MethodHandlers = Partial<Record<"GET" | "POST" | "PATCH" | "PUT" | "DELETE", RouteHandler>>;

/**
 * JSON API route handlers on a port, as Next serves them: `routes` maps a path pattern
 * (`/api/workouts/:id`) to the methods its route file exports. Request bodies are passed on,
 * so tests send what a script or the browser would; an unknown method is a 405 as in Next.
 */
export async function serveJsonRoutes(routes: Record<string, MethodHandlers>) {
  const matchers = Object.entries(routes).map(([pattern, handlers]) => {
    const names: string[] = [];
    const regex = new RegExp(`^${pattern.replace(/:(\w+)/g, (_, name: string) => (names.push(name), "([^/]+)"))}$`);
    return { regex, names, handlers };
  });
  const server = http.createServer(async (incoming, outgoing) => {
    const url = new URL(incoming.url ?? "/", `http://${incoming.headers.host}`);
    const route = matchers.find(({ regex }) => regex.test(url.pathname));
    const handler = route?.handlers[incoming.method as keyof MethodHandlers];
    if (!route || !handler) {
      outgoing.writeHead(route ? 405 : 404).end();
      return;
    }
    const values = route.regex.exec(url.pathname)!.slice(1).map(decodeURIComponent);
    const params = Object.fromEntries(route.names.map((name, i) => [name, values[i]!]));
    const chunks: Buffer[] = [];
    for await (const chunk of incoming) chunks.push(chunk as Buffer);
    const headers = new Headers(
      Object.entries(incoming.headers).flatMap(([name, value]) =>
        typeof value === "string" ? [[name, value] as [string, string]] : [],
      ),
    );
    const hasBody = incoming.method !== "GET" && incoming.method !== "HEAD" && chunks.length > 0;
    const response = await handler(
      new Request(url, { method: incoming.method, headers, body: hasBody ? Buffer.concat(chunks) : undefined }),
      { params: Promise.resolve(params) },
    );
    outgoing.writeHead(response.status, Object.fromEntries(response.headers));
    outgoing.end(Buffer.from(await response.arrayBuffer()));
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
