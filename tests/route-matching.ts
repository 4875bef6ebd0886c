import type http from "node:http";
import type { AddressInfo } from "node:net";

// What the test servers in route-server.ts and json-route-server.ts share: route patterns
// matched as Next matches them, the request's headers, and listening on a free port.

// Params are whatever the route names; each handler parses its own, as in Next.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type RouteHandler = (request: Request, context: { params: Promise<any> }) => Promise<Response>;

/** `/api/workouts/:id` patterns, each with what it serves; `match` finds a path's and its params. */
export function compileRoutes<Served>(routes: Record<string, Served>) {
  const matchers = Object.entries(routes).map(([pattern, served]) => {
    const names: string[] = [];
    const regex = new RegExp(`^${pattern.replace(/:(\w+)/g, (_, name: string) => (names.push(name), "([^/]+)"))}$`);
    return { regex, names, served };
  });
  return {
    match(pathname: string): { served: Served; params: Record<string, string> } | undefined {
      for (const { regex, names, served } of matchers) {
        const found = regex.exec(pathname);
        if (!found) continue;
        const values = found.slice(1).map(decodeURIComponent);
        return { served, params: Object.fromEntries(names.map((name, i) => [name, values[i]!])) };
      }
      return undefined;
    },
  };
}

export const requestHeaders = (incoming: http.IncomingMessage) =>
  new Headers(
    Object.entries(incoming.headers).flatMap(([name, value]) =>
      typeof value === "string" ? [[name, value] as [string, string]] : [],
    ),
  );

/** Listens on a free local port; `close` also ends kept-alive connections. */
export async function listenLocally(server: http.Server) {
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
