import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { expect, it } from "vitest";
import { PlanTable } from "@/app/dashboard/settings/forwarding/PlanTable";
import { RuleCard } from "@/app/dashboard/settings/forwarding/RuleCard";
import { RuleForm } from "@/app/dashboard/settings/forwarding/RuleForm";
import { RunLog } from "@/app/dashboard/settings/forwarding/RunLog";
import { completeConnection } from "@/lib/connections/connect";
import { createForwardingRule } from "@/lib/db/queries/forwarding-rules";
import { loadForwardingPage } from "@/lib/forwarding/page-data";
import { planForwarding } from "@/lib/forwarding/plan";
import { toPlanView } from "@/lib/forwarding/views";
import { enqueueForwardingRun } from "@/lib/jobs/forwarding-jobs";
import { describeEachDatabase } from "../databases";
import { addSourceActivity, connectStravaSource } from "../forwarding-driver";
import { APP_ORIGIN, authorizeAtProvider } from "../oauth-driver";
import { setUpFileStore } from "../original-files";
import { setUpSandboxServer } from "../sandbox-for-tests";
import { connectSandboxAccount, runJobToEnd } from "../sync-driver";

const sandbox = setUpSandboxServer();

const files = setUpFileStore();

describeEachDatabase("Settings → Forwarding", (database) => {
  it("offers only accounts that take uploads as destinations, previews the plan, and logs each decision with the provider's words", async () => {
    const db = database.db;
    const { user, connection: destination } = await connectSandboxAccount(db, "strava", "page-destination");
    const source = await connectStravaSource(db, user.id, "page-source");
    const query = await authorizeAtProvider(db, { userId: user.id, provider: "oura", account: "page-oura" });
    const { connection: oura } = await completeConnection(db, { userId: user.id, query, origin: APP_ORIGIN });
    await addSourceActivity(db, files.store, source, new Date("2021-10-01T07:00:00Z"), 1800);
    await addSourceActivity(db, files.store, source, new Date("2021-10-02T07:00:00Z"), 2000);
    const rule = await createForwardingRule(db, {
      userId: user.id,
      rule: {
        sourceConnectionId: source.id,
        destinationConnectionId: destination.id,
        activityTypes: [],
        conflictStrategy: "skip_existing",
      },
    });

    const before = await loadForwardingPage(db, { userId: user.id });
    expect(before.accounts.find((account) => account.id === oura.id)).toMatchObject({ canReceive: false });
    const form = renderToStaticMarkup(createElement(RuleForm, { accounts: before.accounts }));
    const destinationSelect = form.slice(form.indexOf('name="destinationConnectionId"'));
    expect(form.slice(0, form.indexOf('name="destinationConnectionId"'))).toContain(`value="${oura.id}"`);
    expect(destinationSelect).not.toContain(`value="${oura.id}"`);
    expect(destinationSelect).toContain(`value="${destination.id}"`);

    const card = renderToStaticMarkup(createElement(RuleCard, { rule: before.rules[0]!, accounts: before.accounts }));
    expect(card).toContain(`data-rule-id="${rule.id}"`);
    for (const words of ["Preview (dry run)", "Run now", "Edit rule", "Delete rule", "Every type", "Enabled"])
      expect(card).toContain(words);

    const preview = renderToStaticMarkup(
      createElement(PlanTable, { plan: toPlanView(await planForwarding(db, { rule })) }),
    );
    expect(preview.match(/data-action="upload"/g)).toHaveLength(2);
    expect(preview).toContain("A run now would send 2 of 2 activities");

    // The first upload meets four 503s (its retries spent): it fails, the second goes through.
    sandbox.state.faults.push({
      host: "www.strava.com",
      pathIncludes: "/api/v3/uploads",
      kind: "server_error",
      times: 4,
    });
    const { job } = await enqueueForwardingRun(db, { userId: user.id, rule });
    await runJobToEnd(db, job, { fileStore: files.store });

    const after = await loadForwardingPage(db, { userId: user.id });
    // The retry waits for its backoff: nothing for the page to refresh for.
    expect(after.hasActiveRun).toBe(false);
    const run = after.runs.find((each) => each.job.id === job.id)!;
    expect(run.entries.map((entry) => entry.decision)).toEqual(["failed", "uploaded"]);
    const log = renderToStaticMarkup(createElement(RunLog, { runs: [run] }));
    expect(log).toContain('data-decision="failed"');
    expect(log).toContain('data-decision="uploaded"');
    expect(log).toMatch(/Strava answered HTTP 50\d for \/api\/v3\/uploads/);
    expect(log).toContain("2 of 2");
    expect(log).toContain("Done, with failures");
  });
});
