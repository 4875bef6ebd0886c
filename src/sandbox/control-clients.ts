import { z } from "zod";
import type { SandboxState } from "./state";

const clientSchema = z.object({
  provider: z.string().min(1),
  clientId: z.string().min(1),
  clientSecret: z.string().min(1),
});

/**
 * POST <mount>/_control/clients with {provider, clientId, clientSecret}: that provider now
 * knows the client, as if it had been registered in its developer portal, so an app an admin
 * saved under Provider apps can connect to the sandbox (PROVIDER_BASE_URL). GET lists the
 * registered client ids (never secrets); DELETE forgets them all.
 */
export async function controlClients(request: Request, state: SandboxState): Promise<Response> {
  if (request.method === "DELETE") state.clients.clear();
  else if (request.method === "POST") {
    const parsed = clientSchema.safeParse(await request.json().catch(() => undefined));
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      return Response.json({ error: `${issue.path.join(".") || "(body)"}: ${issue.message}` }, { status: 400 });
    }
    state.registerClient(parsed.data.provider, parsed.data);
  } else if (request.method !== "GET") return Response.json({ error: "method_not_allowed" }, { status: 405 });
  return Response.json({
    clients: [...state.clients].flatMap(([provider, clients]) =>
      [...clients.keys()].map((clientId) => ({ provider, clientId })),
    ),
  });
}
