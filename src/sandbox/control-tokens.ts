import { z } from "zod";
import type { SandboxState } from "./state";

const expirySchema = z.object({ provider: z.string().min(1), account: z.string().min(1) });

/**
 * POST <mount>/_control/expire-tokens with {provider, account}: that account's access tokens
 * reach the end of their life now, as if the provider's lifetime had passed (refresh tokens
 * stay good). The provider then refuses them its own way: a 401, or COROS's result 1001.
 */
export async function controlTokenExpiry(request: Request, state: SandboxState): Promise<Response> {
  if (request.method !== "POST") return Response.json({ error: "method_not_allowed" }, { status: 405 });
  const parsed = expirySchema.safeParse(await request.json().catch(() => undefined));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return Response.json({ error: `${issue.path.join(".") || "(body)"}: ${issue.message}` }, { status: 400 });
  }
  return Response.json({ expired: state.expireAccessTokens(parsed.data.provider, parsed.data.account) });
}
