import http from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A counting HTTP server in front of the sandbox: every request the app sends through
 * PROVIDER_BASE_URL passes here first and is counted by method, host and path (the query
 * left out), then forwarded unchanged. Our own modules are not instrumented.
 */
export async function startCountingProxy(upstream: string) {
  const counts = new Map<string, number>();
  const server = http.createServer(async (incoming, outgoing) => {
    try {
      const chunks: Buffer[] = [];
      for await (const chunk of incoming) chunks.push(chunk as Buffer);
      const url = new URL(incoming.url ?? "/", upstream);
      const key = `${incoming.method} ${url.pathname.replace(/^\//, "")}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
      const headers = Object.entries(incoming.headers).flatMap(([name, value]) =>
        value === undefined || name === "host"
          ? []
          : (Array.isArray(value) ? value : [value]).map((v) => [name, v] as [string, string]),
      );
      const response = await fetch(`${upstream}${incoming.url}`, {
        method: incoming.method,
        headers,
        body: chunks.length ? Buffer.concat(chunks) : undefined,
        redirect: "manual",
      });
      const replyHeaders = Object.fromEntries(
        [...response.headers].filter(([name]) => name !== "content-encoding" && name !== "content-length"),
      );
      outgoing.writeHead(response.status, replyHeaders);
      outgoing.end(Buffer.from(await response.arrayBuffer()));
    } catch (error) {
      outgoing.writeHead(502, { "content-type": "text/plain" });
      outgoing.end(String(error));
    }
  });
  // Longer than fetch keeps an idle connection, so it never reuses one this server just closed.
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    /** Requests since the last reset, by "METHOD host/path". */
    take() {
      const taken = new Map(counts);
      counts.clear();
      return taken;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
