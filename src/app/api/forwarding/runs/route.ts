// POST /api/forwarding/runs — {ruleId, dryRun, force}: a dry run's plan, or a queued run's job; GET lists recent runs with their log entries.
import { forwardingRoutes } from "@/lib/forwarding/routes";

export const dynamic = "force-dynamic";

const routes = forwardingRoutes();
export const GET = routes.listRuns;
export const POST = routes.startRun;
