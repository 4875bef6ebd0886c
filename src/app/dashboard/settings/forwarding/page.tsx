import type { Metadata } from "next";
import { EmptyState } from "@/components/EmptyState";
import { PageHeader } from "@/components/PageHeader";
import { requireUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { loadForwardingPage } from "@/lib/forwarding/page-data";
import { AutoRefresh } from "../AutoRefresh";
import { RuleCard } from "./RuleCard";
import { RuleForm } from "./RuleForm";
import { RunLog } from "./RunLog";

export const metadata: Metadata = { title: "Forwarding" };

const CARD = "rounded-2xl border border-zinc-200 bg-white p-5 dark:border-zinc-800 dark:bg-zinc-900";

export default async function ForwardingPage() {
  const user = await requireUser();
  const { rules, accounts, runs, hasActiveRun } = await loadForwardingPage(await getDb(), { userId: user.id });
  return (
    <>
      <AutoRefresh isActive={hasActiveRun} />
      <PageHeader
        title="Forwarding"
        description="Copy activities from one linked account to another: after each sync of the source, or when you run a rule. A copy already on the destination is found by its start time and length; nothing is sent twice."
      />
      <div className="flex flex-col gap-8">
        <section aria-labelledby="forwarding-rules-heading" className={CARD}>
          <h2 id="forwarding-rules-heading" className="text-lg font-semibold">
            Rules
          </h2>
          {rules.length ? (
            <ul className="divide-y divide-zinc-100 dark:divide-zinc-800" data-testid="forwarding-rules">
              {rules.map((rule) => (
                <RuleCard key={rule.id} rule={rule} accounts={accounts} />
              ))}
            </ul>
          ) : (
            <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400" data-testid="forwarding-rules-empty">
              No rules yet. Add one below.
            </p>
          )}
        </section>
        <section aria-labelledby="forwarding-new-heading" className={CARD}>
          <h2 id="forwarding-new-heading" className="mb-3 text-lg font-semibold">
            New rule
          </h2>
          {accounts.length >= 2 ? (
            <RuleForm accounts={accounts} />
          ) : (
            <EmptyState
              title="Link two accounts first"
              action={{ href: "/dashboard/settings", label: "Connected sources" }}
            >
              A rule forwards from one of your linked accounts to another that takes uploads (Strava, Garmin Connect).
            </EmptyState>
          )}
        </section>
        <section aria-labelledby="forwarding-runs-heading">
          <h2 id="forwarding-runs-heading" className="mb-3 text-lg font-semibold">
            Recent runs
          </h2>
          {runs.length ? (
            <RunLog runs={runs} />
          ) : (
            <p className="text-sm text-zinc-600 dark:text-zinc-400" data-testid="forwarding-runs-empty">
              No runs yet: a rule runs after each sync of its source account, or when you press Run now.
            </p>
          )}
        </section>
      </div>
    </>
  );
}
