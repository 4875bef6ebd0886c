import http from "node:http";
import { compileRoutes, listenLocally, requestHeaders, type RouteHandler } from "./route-matching";

type MethodHandlers = Partial<Record<"GET" | "POST" | "PATCH" | "PUT" | "DELETE", RouteHandler>>;

/**
 * JSON API route handlers on a port, as Next serves them: `routes` maps a path pattern
 * (`/api/workouts/:id`) to the methods its route file exports. Request bodies are passed on,
 * so tests send what a script or the browser would; an unknown method is a 405 as in Next.
 */
export async function serveJsonRoutes(routes: Record<string, MethodHandlers>) {
  const matcher = compileRoutes(routes);
  const server = http.createServer(async (incoming, outgoing) => {
    const url = new URL(incoming.url ?? "/", `http://${incoming.headers.host}`);
    const route = matcher.match(url.pathname);
    const handler = route?.served[incoming.method as keyof MethodHandlers];
    if (!route || !handler) {
      outgoing.writeHead(route ? 405 : 404).end();
      return;
    }
    const chunks: Buffer[] = [];
    for await (const chunk of incoming) chunks.push(chunk as Buffer);
    const hasBody = incoming.method !== "GET" && incoming.method !== "HEAD" && chunks.length > 0;
    const response = await handler(
      new Request(url, {
        method: incoming.method,
        headers: requestHeaders(incoming),
        body: hasBody ? Buffer.concat(chunks) : undefined,
      }),
      { params: Promise.resolve(route.params) },
    );
    outgoing.writeHead(response.status, Object.fromEntries(response.headers));
    outgoing.end(Buffer.from(await response.arrayBuffer()));
  });
  return listenLocally(server);
}
