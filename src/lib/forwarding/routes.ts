import { z } from "zod";
import type { Database } from "@/lib/db";
import { listJobLog } from "@/lib/db/queries/forwarding-log";
import { deleteForwardingRule, getForwardingRuleOrThrow, listForwardingRules } from "@/lib/db/queries/forwarding-rules";
import { listForwardJobs } from "@/lib/db/queries/sync-jobs";
import type { SyncJob } from "@/lib/db/schema";
import { getFileStore, type FileStore } from "@/lib/files";
import { readJsonBody } from "@/lib/http/json-body";
import { withApiCaller } from "@/lib/http/with-api-user";
import { enqueueForwardingRun } from "@/lib/jobs/forwarding-jobs";
import { toJobView } from "@/lib/jobs/job-view";
import { ruleIdSchema, runRequestSchema } from "./rule-schema";
import { createRuleFromInput, updateRuleFromInput } from "./rules";
import { runForwardingRule } from "./run-rule";
import { forwardJobPayloadSchema } from "./run-forward-job";
import { toPlanView, toRuleView, toRunView } from "./views";

// The handlers behind /api/forwarding, built around the database they use so tests can serve
// them on their own; the route files only bind them to the app's database. Session or X-API-Key.

const noStore = { "cache-control": "no-store" };

const runsQuerySchema = z.object({
  ruleId: z.uuid({ error: "must be a forwarding rule id (UUID)" }).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(10),
});

/** Whether a run ran this rule: it named it, or ran every enabled rule of its source. */
const isRunOf = (job: SyncJob, rule: { id: string; sourceConnectionId: string }) => {
  const payload = forwardJobPayloadSchema.safeParse(job.payload);
  const ruleIds = payload.success ? payload.data.ruleIds : undefined;
  return ruleIds ? ruleIds.includes(rule.id) : job.connectionId === rule.sourceConnectionId;
};

export function forwardingRoutes(deps: { getDb?: () => Promise<Database>; fileStore?: FileStore } = {}) {
  // Reading rules and runs takes a `read` key; changing rules or running them a `write` key.
  const read = <Params extends object = object>(handler: Parameters<typeof withApiCaller<Params>>[0]) =>
    withApiCaller<Params>(handler, { getDb: deps.getDb, scope: "read" });
  const write = <Params extends object = object>(handler: Parameters<typeof withApiCaller<Params>>[0]) =>
    withApiCaller<Params>(handler, { getDb: deps.getDb, scope: "write" });

  return {
    listRules: read(async ({ db, userId }) =>
      Response.json({ rules: (await listForwardingRules(db, { userId })).map(toRuleView) }, { headers: noStore }),
    ),

    createRule: write(async ({ db, userId, request }) => {
      const rule = await createRuleFromInput(db, { userId, input: await readJsonBody(request) });
      return Response.json({ rule: toRuleView(rule) }, { status: 201 });
    }),

    getRule: read<{ id: string }>(async ({ db, userId, params }) => {
      const { id } = ruleIdSchema.parse(params);
      const rule = await getForwardingRuleOrThrow(db, { userId, ruleId: id });
      return Response.json({ rule: toRuleView(rule) }, { headers: noStore });
    }),

    updateRule: write<{ id: string }>(async ({ db, userId, params, request }) => {
      const { id } = ruleIdSchema.parse(params);
      const rule = await updateRuleFromInput(db, { userId, ruleId: id, input: await readJsonBody(request) });
      return Response.json({ rule: toRuleView(rule) });
    }),

    deleteRule: write<{ id: string }>(async ({ db, userId, params }) => {
      const { id } = ruleIdSchema.parse(params);
      await deleteForwardingRule(db, { userId, ruleId: id });
      return new Response(null, { status: 204 });
    }),

    /** A dry run answers with the plan; a real run is queued as a job (202) and answers with it. */
    startRun: write(async ({ db, userId, request }) => {
      const { ruleId, dryRun, force } = runRequestSchema.parse(await readJsonBody(request));
      if (dryRun) {
        const { plan } = await runForwardingRule(db, {
          userId,
          ruleId,
          dryRun: true,
          force,
          store: deps.fileStore ?? getFileStore(),
        });
        return Response.json({ plan: toPlanView(plan) }, { headers: noStore });
      }
      const rule = await getForwardingRuleOrThrow(db, { userId, ruleId });
      const { job, isNew } = await enqueueForwardingRun(db, { userId, rule, force });
      return Response.json({ job: toJobView(job), isNew }, { status: 202 });
    }),

    listRuns: read(async ({ db, userId, request }) => {
      const query = runsQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
      const rule = query.ruleId ? await getForwardingRuleOrThrow(db, { userId, ruleId: query.ruleId }) : undefined;
      // Read past the limit when filtering by rule: other rules' runs are among the newest.
      const jobs = (await listForwardJobs(db, { userId, limit: rule ? query.limit * 5 : query.limit }))
        .filter((job) => !rule || isRunOf(job, rule))
        .slice(0, query.limit);
      const entries = await listJobLog(db, { userId, jobIds: jobs.map((job) => job.id) });
      return Response.json({ runs: jobs.map((job) => toRunView(job, entries)) }, { headers: noStore });
    }),
  };
}
