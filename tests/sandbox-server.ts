import http from "node:http";
import type { AddressInfo } from "node:net";
import { handleSandboxRequest, SandboxState } from "@/sandbox";

/**
 * The provider simulators on a bare Node HTTP server, as any outside simulator would run,
 * with PROVIDER_BASE_URL pointing at it. Tests read and reset its state directly.
 */
export async function startSandboxServer() {
  let state = new SandboxState();
  const server = http.createServer(async (incoming, outgoing) => {
    try {
      const chunks: Buffer[] = [];
      for await (const chunk of incoming) chunks.push(chunk as Buffer);
      const body = chunks.length ? Buffer.concat(chunks) : undefined;
      const request = new Request(`http://${incoming.headers.host}${incoming.url}`, {
        method: incoming.method,
        headers: Object.entries(incoming.headers).flatMap(([name, value]) =>
          value === undefined ? [] : (Array.isArray(value) ? value : [value]).map((v) => [name, v] as [string, string]),
        ),
        body: incoming.method === "GET" || incoming.method === "HEAD" ? undefined : body,
      });
      const response = await handleSandboxRequest(request, { mountPath: "", state });
      outgoing.writeHead(response.status, Object.fromEntries(response.headers));
      outgoing.end(Buffer.from(await response.arrayBuffer()));
    } catch (error) {
      outgoing.writeHead(500, { "content-type": "text/plain" });
      outgoing.end(String(error));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  process.env.PROVIDER_BASE_URL = url;
  return {
    url,
    get state() {
      return state;
    },
    reset() {
      state = new SandboxState();
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type SandboxServer = Awaited<ReturnType<typeof startSandboxServer>>;
