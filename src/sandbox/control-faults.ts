import { z } from "zod";
import type { SandboxState } from "./state";

const faultSchema = z.object({
  host: z.string().min(1),
  pathIncludes: z.string().optional(),
  kind: z.enum(["rate_limit", "server_error", "malformed", "slow", "http_error"]),
  times: z.number().int().positive().max(1000).default(1),
  skip: z.number().int().nonnegative().optional(),
  retryAfterSeconds: z.number().int().nonnegative().optional(),
  headers: z.record(z.string(), z.string()).optional(),
  body: z.unknown().optional(),
  status: z.number().int().min(400).max(599).optional(),
  delayMs: z.number().int().nonnegative().max(60_000).optional(),
});

/**
 * POST <mount>/_control/faults with a fault as JSON: the next matching requests misbehave
 * (429, 500, malformed body, slow, or any error status with the provider's documented body). GET lists them, DELETE clears them. For trying how a
 * sync copes, from a test or by hand.
 */
export async function controlFaults(request: Request, state: SandboxState): Promise<Response> {
  if (request.method === "DELETE") {
    state.faults.splice(0);
    return Response.json({ faults: [] });
  }
  if (request.method === "POST") {
    const parsed = faultSchema.safeParse(await request.json().catch(() => undefined));
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      return Response.json({ error: `${issue.path.join(".") || "(body)"}: ${issue.message}` }, { status: 400 });
    }
    state.faults.push(parsed.data);
  }
  return Response.json({ faults: state.faults });
}
