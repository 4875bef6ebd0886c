// ANY /sandbox/<host>/<path> — the built-in provider simulators (ARCHITECTURE.md, "The sandbox").
import { getEnv } from "@/env";
import { getRequestUser } from "@/lib/auth/session";
import { isSandboxAllowed } from "@/lib/providers/routing";
import { getSandboxState, handleSandboxRequest } from "@/sandbox";

export const dynamic = "force-dynamic";

const MOUNT_PATH = "/sandbox";

async function handle(request: Request): Promise<Response> {
  if (!isSandboxAllowed()) return Response.json({ error: "not_found" }, { status: 404 });
  // A deployed sandbox (QT_SANDBOX=1) is reachable by anyone; its control endpoints send
  // webhooks and inject faults, so there they answer signed-in users only.
  const isControl = new URL(request.url).pathname.startsWith(`${MOUNT_PATH}/_control/`);
  if (isControl && getEnv().NODE_ENV === "production" && !(await getRequestUser(request))) {
    return Response.json(
      { error: "unauthorized", message: "Sign in first: the sandbox's control endpoints need a session." },
      { status: 401 },
    );
  }
  return handleSandboxRequest(request, { mountPath: MOUNT_PATH, state: getSandboxState() });
}

export { handle as GET, handle as POST, handle as PUT, handle as PATCH, handle as DELETE };
