import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { encode } from "next-auth/jwt";
import { afterAll, beforeAll, expect, it } from "vitest";
import { getAuthSecret } from "@/lib/auth/secret";
import { createApiKey } from "@/lib/db/queries/api-keys";
import { getSyncJob } from "@/lib/db/queries/sync-jobs";
import { DiskFileStore } from "@/lib/files/disk-store";
import { forwardingRoutes } from "@/lib/forwarding/routes";
import { describeEachDatabase } from "../databases";
import { addSourceActivity, connectStravaSource } from "../forwarding-driver";
import { serveJsonRoutes } from "../json-route-server";
import { setUpSandboxServer } from "../sandbox-for-tests";
import { connectSandboxAccount, runJobToEnd } from "../sync-driver";

const sandbox = setUpSandboxServer();
const uploadsSent = () => sandbox.state.countCalls({ provider: "strava", method: "POST", path: "/api/v3/uploads" });

let storeRoot: string;
let store: DiskFileStore;
beforeAll(async () => {
  storeRoot = await fs.mkdtemp(path.join(os.tmpdir(), "qt-forwarding-api-"));
  store = new DiskFileStore(storeRoot);
});
afterAll(async () => {
  await fs.rm(storeRoot, { recursive: true, force: true });
});

describeEachDatabase("forwarding API", (database) => {
  let server: Awaited<ReturnType<typeof serveJsonRoutes>> | undefined;
  beforeAll(async () => {
    const routes = forwardingRoutes({ getDb: async () => database.db, fileStore: store });
    server = await serveJsonRoutes({
      "/api/forwarding/rules": { GET: routes.listRules, POST: routes.createRule },
      "/api/forwarding/rules/:id": { GET: routes.getRule, PATCH: routes.updateRule, DELETE: routes.deleteRule },
      "/api/forwarding/runs": { GET: routes.listRuns, POST: routes.startRun },
    });
  });
  afterAll(() => server?.close());

  const call = (urlPath: string, init: { method?: string; headers?: Record<string, string>; body?: unknown } = {}) =>
    fetch(`${server!.url}${urlPath}`, {
      method: init.method ?? "GET",
      headers: { ...(init.body === undefined ? {} : { "content-type": "application/json" }), ...init.headers },
      body: init.body === undefined ? undefined : typeof init.body === "string" ? init.body : JSON.stringify(init.body),
    });

  /** A person with a Strava destination and a Strava source account, an API key and a session. */
  async function person(account: string) {
    const { user, connection: destination } = await connectSandboxAccount(database.db, "strava", `${account}-dest`);
    const source = await connectStravaSource(database.db, user.id, `${account}-src`);
    const { key } = await createApiKey(database.db, { userId: user.id, name: "script", scopes: ["read", "write"] });
    const session = await encode({ token: { sub: user.id, sessionVersion: 0 }, secret: getAuthSecret() });
    return {
      user,
      source,
      destination,
      key: { "x-api-key": key },
      session: { cookie: `next-auth.session-token=${session}` },
    };
  }

  it("creates, lists, reads, changes and deletes a rule, with a key or a session", async () => {
    const me = await person("crud");
    const created = await call("/api/forwarding/rules", {
      method: "POST",
      headers: me.key,
      body: {
        sourceConnectionId: me.source.id,
        destinationConnectionId: me.destination.id,
        activityTypes: ["run", "trail_run"],
        startDate: "2021-01-01",
        endDate: "2021-12-31",
      },
    });
    expect(created.status).toBe(201);
    const { rule } = (await created.json()) as { rule: Record<string, unknown> };
    expect(rule).toMatchObject({
      activityTypes: ["run", "trail_run"],
      startDate: "2021-01-01T00:00:00.000Z",
      endDate: "2021-12-31T23:59:59.999Z",
      conflictStrategy: "skip_existing",
      enabled: true,
    });

    const listed = (await (await call("/api/forwarding/rules", { headers: me.session })).json()) as {
      rules: { id: string }[];
    };
    expect(listed.rules.map((each) => each.id)).toEqual([rule.id]);

    const changed = await call(`/api/forwarding/rules/${rule.id}`, {
      method: "PATCH",
      headers: me.session,
      body: { enabled: false, conflictStrategy: "replace_existing", endDate: null },
    });
    expect(changed.status).toBe(200);
    expect(((await changed.json()) as { rule: unknown }).rule).toMatchObject({
      enabled: false,
      conflictStrategy: "replace_existing",
      endDate: null,
      startDate: "2021-01-01T00:00:00.000Z",
    });
    expect((await call(`/api/forwarding/rules/${rule.id}`, { headers: me.key })).status).toBe(200);

    expect((await call(`/api/forwarding/rules/${rule.id}`, { method: "DELETE", headers: me.key })).status).toBe(204);
    expect((await call(`/api/forwarding/rules/${rule.id}`, { headers: me.key })).status).toBe(404);
    expect((await call("/api/forwarding/rules")).status).toBe(401);
  });

  it("answers 400 naming the field, and 404 for another person's rule or account", async () => {
    const me = await person("errors");
    const stranger = await person("stranger");
    const ends = { sourceConnectionId: me.source.id, destinationConnectionId: me.destination.id };
    const refused = async (body: unknown, method = "POST", urlPath = "/api/forwarding/rules") => {
      const response = await call(urlPath, { method, headers: me.key, body });
      const { error } = (await response.json()) as { error: { message: string } };
      return { status: response.status, message: error.message };
    };
    expect(await refused({ sourceConnectionId: me.source.id })).toMatchObject({
      status: 400,
      message: expect.stringContaining("destinationConnectionId"),
    });
    expect(await refused({ ...ends, conflictStrategy: "overwrite" })).toMatchObject({
      status: 400,
      message: expect.stringContaining("conflictStrategy"),
    });
    expect(await refused({ ...ends, activityTypes: ["jogging"] })).toMatchObject({
      status: 400,
      message: expect.stringContaining("activityTypes.0"),
    });
    expect(await refused({ ...ends, startDate: "2022-01-01", endDate: "2021-01-01" })).toMatchObject({
      status: 400,
      message: expect.stringContaining("endDate"),
    });
    expect(await refused({ ...ends, destinationConnectionId: me.source.id })).toMatchObject({
      status: 400,
      message: expect.stringContaining("destinationConnectionId"),
    });
    expect(await refused({ ...ends, colour: "red" })).toMatchObject({
      status: 400,
      message: expect.stringContaining("colour"),
    });
    expect((await refused({ ...ends, destinationConnectionId: stranger.destination.id })).status).toBe(404);
    expect((await refused({ ruleId: "not-a-uuid" }, "POST", "/api/forwarding/runs")).message).toContain("ruleId");

    const theirs = await call("/api/forwarding/rules", {
      method: "POST",
      headers: stranger.key,
      body: { sourceConnectionId: stranger.source.id, destinationConnectionId: stranger.destination.id },
    });
    const { rule } = (await theirs.json()) as { rule: { id: string } };
    for (const method of ["GET", "PATCH", "DELETE"]) {
      const response = await call(`/api/forwarding/rules/${rule.id}`, {
        method,
        headers: me.key,
        body: method === "PATCH" ? { enabled: false } : undefined,
      });
      expect(response.status, method).toBe(404);
    }
    expect((await refused({ ruleId: rule.id, dryRun: true }, "POST", "/api/forwarding/runs")).status).toBe(404);
    expect((await call(`/api/forwarding/runs?ruleId=${rule.id}`, { headers: me.key })).status).toBe(404);
  });

  it("returns a dry run's plan inline, queues a real run that does exactly that, and lists it with its decisions", async () => {
    const me = await person("runs");
    await addSourceActivity(database.db, store, me.source, new Date("2021-09-01T07:00:00Z"), 1800);
    await addSourceActivity(database.db, store, me.source, new Date("2021-09-02T07:00:00Z"), 2400, {
      withFile: false,
    });
    const created = await call("/api/forwarding/rules", {
      method: "POST",
      headers: me.key,
      body: { sourceConnectionId: me.source.id, destinationConnectionId: me.destination.id },
    });
    const { rule } = (await created.json()) as { rule: { id: string } };

    const dry = await call("/api/forwarding/runs", {
      method: "POST",
      headers: me.key,
      body: { ruleId: rule.id, dryRun: true },
    });
    expect(dry.status).toBe(200);
    const { plan } = (await dry.json()) as {
      plan: { items: { action: string; sourceActivityId: string; generatedFile?: unknown }[] };
    };
    expect(plan.items.map((item) => item.action)).toEqual(["upload", "upload"]);
    expect(plan.items[1]!.generatedFile).toMatchObject({ format: "fit" });
    expect(uploadsSent()).toBe(0);

    const real = await call("/api/forwarding/runs", { method: "POST", headers: me.session, body: { ruleId: rule.id } });
    expect(real.status).toBe(202);
    const { job } = (await real.json()) as { job: { id: string; kind: string; status: string } };
    expect(job).toMatchObject({ kind: "forward", status: "pending" });
    await runJobToEnd(database.db, (await getSyncJob(database.db, { jobId: job.id }))!, { fileStore: store });
    expect(uploadsSent()).toBe(2);

    const listed = await call(`/api/forwarding/runs?ruleId=${rule.id}`, { headers: me.key });
    const { runs } = (await listed.json()) as {
      runs: {
        job: { id: string; status: string; progress: unknown };
        entries: { sourceActivityId: string; decision: string }[];
      }[];
    };
    expect(runs).toHaveLength(1);
    expect(runs[0]!.job).toMatchObject({ id: job.id, status: "succeeded", progress: { done: 2, total: 2 } });
    // Exactly what the dry run said, item by item.
    expect(runs[0]!.entries.map((entry) => [entry.sourceActivityId, entry.decision])).toEqual(
      plan.items.map((item) => [item.sourceActivityId, "uploaded"]),
    );
  });
});
