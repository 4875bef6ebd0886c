import { sandboxCredentials, sandboxWebhookSecret } from "./accounts";
import type { SandboxState } from "./state";
import type { SandboxProvider } from "./types";

/**
 * POST <mount>/_control/webhooks/<slug>?account=<login>&kind=sync|deauthorized[&delivery=ping|push][&target=<url>]:
 * the sandboxed provider sends its push notification for that account to our webhook route
 * (or to `target`), signed as the provider signs it, and reports what the app answered.
 */
export function createWebhookSender(providers: ReadonlyArray<{ slug: string; sandbox: SandboxProvider }>) {
  return async function sendWebhook(request: Request, slug: string, state: SandboxState): Promise<Response> {
    if (request.method !== "POST") return Response.json({ error: "POST to send a webhook" }, { status: 405 });
    const provider = providers.find((candidate) => candidate.slug === slug);
    if (!provider?.sandbox.buildWebhook)
      return Response.json({ error: `The ${slug} sandbox sends no webhooks.` }, { status: 404 });
    const query = new URL(request.url).searchParams;
    const kind = query.get("kind") === "deauthorized" ? "deauthorized" : "sync";
    const webhook = provider.sandbox.buildWebhook({
      account: query.get("account") ?? "athlete",
      kind,
      delivery: query.get("delivery") === "push" ? "push" : "ping",
      webhookSecret: sandboxWebhookSecret(slug),
      ...sandboxCredentials(slug),
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
