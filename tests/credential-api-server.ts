import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll } from "vitest";
import type { Database } from "@/lib/db";
import { createApiKey } from "@/lib/db/queries/api-keys";
import { handleCredentialRequest, type CredentialAction } from "@/lib/http/credential-routes";
import { createTestUser } from "./factories";

const ACTIONS: Record<string, CredentialAction> = { "/login": "login", "/login/mfa": "mfa", "/tokens": "tokens" };

/**
 * POST /api/<family>/login, /login/mfa and /tokens on a port, as the route files serve them
 * (they pass getDb(); this passes the test's database). Requests arrive over real HTTP.
 */
export function setUpCredentialApi(database: { readonly db: Database }) {
  let server: http.Server | undefined;
  let url = "";
  beforeAll(async () => {
    server = http.createServer(async (incoming, outgoing) => {
      const chunks: Buffer[] = [];
      for await (const chunk of incoming) chunks.push(chunk as Buffer);
      const match = /^\/api\/([a-z_]+)(\/.*)$/.exec(incoming.url ?? "");
      const action = match ? ACTIONS[match[2]!] : undefined;
      const request = new Request(`http://${incoming.headers.host}${incoming.url}`, {
        method: incoming.method,
        headers: Object.entries(incoming.headers).flatMap(([name, value]) =>
          value === undefined ? [] : (Array.isArray(value) ? value : [value]).map((v) => [name, v] as [string, string]),
        ),
        body: incoming.method === "POST" ? Buffer.concat(chunks) : undefined,
      });
      const response =
        match && action
          ? await handleCredentialRequest(database.db, request, { family: match[1]!, action })
          : new Response("not found", { status: 404 });
      outgoing.writeHead(response.status, Object.fromEntries(response.headers));
      outgoing.end(Buffer.from(await response.arrayBuffer()));
    });
    await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

  /** A new person with an API key, and a poster that sends JSON as them. */
  async function signUp() {
    const user = await createTestUser(database.db);
    const { key } = await createApiKey(database.db, { userId: user.id, name: "script", scopes: ["write"] });
    const post = async (path: string, body: unknown, init: { headers?: Record<string, string> } = {}) => {
      const response = await fetch(`${url}${path}`, {
        method: "POST",
        headers: {
          "x-api-key": key,
          ...(body instanceof FormData ? {} : { "content-type": "application/json" }),
          ...init.headers,
        },
        body: typeof body === "string" || body instanceof FormData ? body : JSON.stringify(body),
      });
      const text = await response.text();
      return {
        status: response.status,
        headers: response.headers,
        text,
        json: text ? (JSON.parse(text) as Record<string, unknown>) : null,
      };
    };
    return { user, key, post };
  }
  return {
    get url() {
      return url;
    },
    signUp,
  };
}
