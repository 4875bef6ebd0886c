import type { Database } from "@/lib/db";
import { listConnections } from "@/lib/db/queries/connections";
import { listJobLog } from "@/lib/db/queries/forwarding-log";
import { listForwardingRules } from "@/lib/db/queries/forwarding-rules";
import { listForwardJobs } from "@/lib/db/queries/sync-jobs";
import type { ProviderConnection } from "@/lib/db/schema";
import { findSource } from "@/lib/providers/sources";
import { toRuleView, toRunView, type RuleView, type RunView } from "./views";

// What the Settings → Forwarding page shows, as plain data its client components can take.

export interface AccountOption {
  id: string;
  /** "Strava · Morning account", "Garmin Connect (China) · account …a1b2c3". */
  name: string;
  provider: string;
  /** Whether its provider takes uploads, so it can be a destination. */
  canReceive: boolean;
}

export function accountName(connection: Pick<ProviderConnection, "provider" | "label" | "externalUserId">): string {
  const providerName = findSource(connection.provider)?.name ?? connection.provider;
  return `${providerName} · ${connection.label ?? `account …${connection.externalUserId.slice(-6)}`}`;
}

export async function loadForwardingPage(
  db: Database,
  params: { userId: string; runLimit?: number },
): Promise<{ rules: RuleView[]; accounts: AccountOption[]; runs: RunView[]; hasActiveRun: boolean }> {
  const [rules, connections, jobs] = await Promise.all([
    listForwardingRules(db, params),
    listConnections(db, params),
    listForwardJobs(db, { userId: params.userId, limit: params.runLimit ?? 10 }),
  ]);
  const entries = await listJobLog(db, { userId: params.userId, jobIds: jobs.map((job) => job.id) });
  return {
    rules: rules.map(toRuleView),
    accounts: connections.map((connection) => ({
      id: connection.id,
      name: accountName(connection),
      provider: connection.provider,
      canReceive: Boolean(findSource(connection.provider)?.uploads),
    })),
    runs: jobs.map((job) => toRunView(job, entries)),
    // A retry queued for hours from now is not worth refreshing the page for.
    hasActiveRun: jobs.some(
      (job) => job.status === "running" || (job.status === "pending" && job.runAfter <= new Date()),
    ),
  };
}
