import { sandboxCredentials, sandboxWebhookSecret } from "./accounts";
import type { SandboxState } from "./state";

function clientOf(state: SandboxState, slug: string, clientId: string | null) {
  if (!clientId) return sandboxCredentials(slug);
  const clientSecret = state.clientSecretOf(slug, clientId);
  return clientSecret === undefined ? undefined : { clientId, clientSecret };
}
import type { SandboxProvider } from "./types";

/**
 * POST <mount>/_control/webhooks/<slug>?account=<login>&kind=sync|deauthorized[&delivery=ping|push][&target=<url>][&client_id=<id>]:
 * the sandboxed provider sends its push notification for that account to our webhook route
 * (or to `target`), signed as the provider signs it, and reports what the app answered.
 * `client_id` picks a client registered through /_control/clients (an app an admin saved in
 * Provider apps): its id and secret sign the push, as the real provider's would.
 */
export function createWebhookSender(providers: ReadonlyArray<{ slug: string; sandbox: SandboxProvider }>) {
  return async function sendWebhook(request: Request, slug: string, state: SandboxState): Promise<Response> {
    if (request.method !== "POST") return Response.json({ error: "POST to send a webhook" }, { status: 405 });
    const provider = providers.find((candidate) => candidate.slug === slug);
    if (!provider?.sandbox.buildWebhook)
      return Response.json({ error: `The ${slug} sandbox sends no webhooks.` }, { status: 404 });
    const query = new URL(request.url).searchParams;
    const client = clientOf(state, slug, query.get("client_id"));
    if (!client)
      return Response.json(
        { error: `client_id: the ${slug} sandbox knows no client ${query.get("client_id")}; register it first.` },
        { status: 400 },
      );
    const kind = query.get("kind") === "deauthorized" ? "deauthorized" : "sync";
    const webhook = provider.sandbox.buildWebhook({
      account: query.get("account") ?? "athlete",
      kind,
      delivery: query.get("delivery") === "push" ? "push" : "ping",
      webhookSecret: sandboxWebhookSecret(slug),
      ...client,
      state,
    });
    if (!webhook)
      return Response.json(
        { error: `The ${slug} sandbox sends no ${kind} webhook: the real provider does not either.` },
        { status: 404 },
      );
    const target = query.get("target") ?? `${new URL(request.url).origin}/api/webhooks/${slug}`;
    const delivered = await fetch(target, { method: "POST", headers: webhook.headers, body: webhook.body });
    return Response.json({ target, status: delivered.status, body: await delivered.text() });
  };
}
