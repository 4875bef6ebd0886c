// ANY /sandbox/<host>/<path> — the built-in provider simulators (ARCHITECTURE.md, "The sandbox").
import { isSandboxAllowed } from "@/lib/providers/routing";
import { getSandboxState, handleSandboxRequest } from "@/lib/sandbox";

export const dynamic = "force-dynamic";

async function handle(request: Request): Promise<Response> {
  if (!isSandboxAllowed()) return Response.json({ error: "not_found" }, { status: 404 });
  return handleSandboxRequest(request, { mountPath: "/sandbox", state: getSandboxState() });
}

export { handle as GET, handle as POST, handle as PUT, handle as PATCH, handle as DELETE };
