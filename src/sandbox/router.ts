import type { SandboxProvider, SandboxRoute } from "./types";
import { createWebhookSender } from "./send-webhook";
import { controlFaults } from "./control-faults";
import { controlClients } from "./control-clients";
import { controlTokenExpiry } from "./control-tokens";
import type { SandboxState } from "./state";

function matchPath(pattern: string, path: string): Record<string, string> | null {
  const patternParts = pattern.split("/").filter(Boolean);
  const pathParts = path.split("/").filter(Boolean);
  if (patternParts.length !== pathParts.length) return null;
  const params: Record<string, string> = {};
  for (const [index, part] of patternParts.entries()) {
    const actual = pathParts[index]!;
    if (part.startsWith(":")) params[part.slice(1)] = decodeURIComponent(actual);
    else if (part !== actual) return null;
  }
  return params;
}

/**
 * Serves `<mount>/<host>/<path>` as the provider at <host> would serve `https://<host>/<path>`.
 * A plain Request -> Response function, so a bare Node server can serve it as well as Next.
 */
export function createSandboxHandler(providers: ReadonlyArray<{ slug: string; sandbox: SandboxProvider }>) {
  const routes: SandboxRoute[] = providers.flatMap((provider) => provider.sandbox.routes);
  const sendWebhook = createWebhookSender(providers);
  const slugOfHost = new Map(
    providers.flatMap((provider) => provider.sandbox.routes.map((route) => [route.host, provider.slug] as const)),
  );

  return async function handleSandboxRequest(
    request: Request,
    options: { mountPath: string; state: SandboxState },
  ): Promise<Response> {
    const incoming = new URL(request.url);
    const rest = incoming.pathname.slice(options.mountPath.length).replace(/^\/+/, "");
    const slash = rest.indexOf("/");
    const host = slash === -1 ? rest : rest.slice(0, slash);
    const path = slash === -1 ? "/" : rest.slice(slash);
    const url = new URL(`https://${host}${path}${incoming.search}`);
    if (host === "_control" && path.startsWith("/webhooks/"))
      return sendWebhook(request, path.slice("/webhooks/".length), options.state);
    if (host === "_control" && path === "/faults") return controlFaults(request, options.state);
    if (host === "_control" && path === "/expire-tokens") return controlTokenExpiry(request, options.state);
    if (host === "_control" && path === "/clients") return controlClients(request, options.state);

    const fault = options.state.takeFault(host, path);
    if (fault && fault.kind !== "slow")
      options.state.recordFaulted({
        provider: slugOfHost.get(host) ?? host,
        method: request.method,
        path,
        fault: fault.kind,
      });
    if (fault?.kind === "rate_limit") {
      const headers: Record<string, string> = {
        ...fault.headers,
        ...(fault.retryAfterSeconds !== undefined ? { "retry-after": String(fault.retryAfterSeconds) } : {}),
      };
      return Response.json(fault.body ?? { message: "Rate Limit Exceeded" }, { status: 429, headers });
    }
    if (fault?.kind === "server_error") return Response.json({ message: "Internal Server Error" }, { status: 500 });
    if (fault?.kind === "malformed") return Response.json(fault.body ?? { unexpected: true });
    if (fault?.kind === "http_error")
      return Response.json(fault.body ?? { message: "Error" }, { status: fault.status ?? 400 });
    if (fault?.kind === "slow") await new Promise((resolve) => setTimeout(resolve, fault.delayMs ?? 2000));

    const hostRoutes = routes.filter((route) => route.host === host);
    if (hostRoutes.length === 0)
      return Response.json({ error: "not_found", message: `The sandbox does not play ${host}.` }, { status: 404 });
    let isPathKnown = false;
    for (const route of hostRoutes) {
      const params = matchPath(route.path, path);
      if (!params) continue;
      isPathKnown = true;
      if (route.method !== request.method) continue;
      const mountUrl = `${incoming.origin}${options.mountPath}`;
      return route.handle({ request, url, params, state: options.state, mountUrl });
    }
    return isPathKnown
      ? Response.json({ error: "method_not_allowed" }, { status: 405 })
      : Response.json(
          { error: "not_found", message: `No such endpoint: ${request.method} ${url.href}` },
          { status: 404 },
        );
  };
}
