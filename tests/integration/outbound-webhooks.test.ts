import { and, eq } from "drizzle-orm";
import { encode } from "next-auth/jwt";
import { afterAll, beforeAll, expect, it } from "vitest";
import { getAuthSecret } from "@/lib/auth/secret";
import { createApiKey } from "@/lib/db/queries/api-keys";
import { setConnectionStatus, upsertConnection } from "@/lib/db/queries/connections";
import { upsertRecordBatch } from "@/lib/db/queries/records";
import { webhookEndpoints, webhookEvents } from "@/lib/db/schema";
import { deliverDueWebhooks } from "@/lib/outbound/deliver";
import { outboundWebhookRoutes } from "@/lib/outbound/routes";
import type { WebhookUrlPolicy } from "@/lib/outbound/url-safety";
import type { RecordBatch } from "@/lib/sync/records";
import { describeEachDatabase } from "../databases";
import { createTestUser } from "../factories";
import { serveJsonRoutes } from "../json-route-server";
import { startWebhookReceiver, verifyStandardWebhook } from "../webhook-receiver";

// The receivers listen on 127.0.0.1, so the suite registers them under a policy that allows
// private addresses (as QT_WEBHOOKS_ALLOW_PRIVATE=1 does); the refusals use the default one.
const LOCAL_POLICY: WebhookUrlPolicy = { allowPrivate: true, appOrigins: [] };
const STRICT_POLICY: WebhookUrlPolicy = { allowPrivate: false, appOrigins: ["https://qt.example.test"] };
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

const activity = (n: number) => ({
  externalId: `run-${n}`,
  type: "run",
  name: `Morning run ${n}`,
  startAt: new Date(Date.UTC(2026, 0, 1 + (n % 28), 6, 0, 0) + Math.floor(n / 28) * 1000),
  durationS: 1800,
  distanceM: 5000 + n,
});

describeEachDatabase(
  "outbound webhooks",
  (database) => {
    const servers: Array<{ close(): Promise<void> }> = [];
    let localApi = "";
    let strictApi = "";
    beforeAll(async () => {
      for (const [policy, set] of [
        [LOCAL_POLICY, (url: string) => (localApi = url)],
        [STRICT_POLICY, (url: string) => (strictApi = url)],
      ] as const) {
        const routes = outboundWebhookRoutes({ getDb: async () => database.db, policy });
        const server = await serveJsonRoutes({
          "/api/webhooks/endpoints": { GET: routes.list, POST: routes.create },
          "/api/webhooks/endpoints/:id": { DELETE: routes.remove },
          "/api/webhooks/endpoints/:id/deliveries": { GET: routes.deliveries },
          "/api/webhooks/endpoints/:id/test": { POST: routes.test },
          "/api/webhooks/deliveries/:id/resend": { POST: routes.resend },
        });
        servers.push(server);
        set(server.url);
      }
    });
    afterAll(async () => {
      for (const server of servers) await server.close();
    });

    async function person() {
      const user = await createTestUser(database.db);
      const { key } = await createApiKey(database.db, { userId: user.id, name: "script", scopes: ["write"] });
      const session = await encode({ token: { sub: user.id, sessionVersion: 0 }, secret: getAuthSecret() });
      const call = (path: string, init: { method?: string; body?: unknown; api?: string; asSession?: boolean } = {}) =>
        fetch(`${init.api ?? localApi}${path}`, {
          method: init.method ?? "GET",
          headers: {
            ...(init.asSession ? { cookie: `next-auth.session-token=${session}` } : { "x-api-key": key }),
            ...(init.body === undefined ? {} : { "content-type": "application/json" }),
          },
          body: init.body === undefined ? undefined : JSON.stringify(init.body),
        });
      return { user, call };
    }

    async function register(caller: Awaited<ReturnType<typeof person>>, url: string, events: string[]) {
      const response = await caller.call("/api/webhooks/endpoints", { method: "POST", body: { url, events } });
      expect(response.status).toBe(201);
      return (await response.json()) as { endpoint: { id: string }; secret: string };
    }

    const writeBatch = (userId: string, batch: RecordBatch) =>
      database.db.transaction((tx) =>
        upsertRecordBatch(tx, { userId, connectionId: null, provider: "strava", sourceId: "athlete-1" }, batch),
      );

    /** Delivery passes at `now` until nothing more is due then. */
    async function deliverAt(now: Date, policy: WebhookUrlPolicy = LOCAL_POLICY) {
      let total = 0;
      for (let count = -1; count !== 0; total += count) count = await deliverDueWebhooks(database.db, { now, policy });
      return total;
    }

    it("signs each delivery the Standard Webhooks way, verified by an independent implementation", async () => {
      const receiver = await startWebhookReceiver([200]);
      servers.push(receiver);
      const alice = await person();
      const { endpoint, secret } = await register(alice, receiver.url, ["activity.created", "daily.updated"]);
      expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]+={0,2}$/);

      await writeBatch(alice.user.id, {
        activities: [activity(1), activity(2), activity(3)],
        dailySummaries: [{ localDate: "2026-01-02", steps: 12000 }],
        sleepSessions: [
          {
            externalId: "night-1",
            startAt: new Date("2026-01-01T22:00:00Z"),
            endAt: new Date("2026-01-02T06:00:00Z"),
            localDate: "2026-01-02",
          },
        ],
      });
      expect(await deliverAt(new Date())).toBe(2);

      expect(receiver.received).toHaveLength(2);
      const bodies = receiver.received.map((request) => JSON.parse(request.body));
      const created = bodies.find((body) => body.type === "activity.created");
      expect(created.data.items.map((item: { externalId: string }) => item.externalId).sort()).toEqual([
        "run-1",
        "run-2",
        "run-3",
      ]);
      expect(bodies.find((body) => body.type === "daily.updated").data.items[0]).toMatchObject({
        localDate: "2026-01-02",
        steps: 12000,
      });
      // The endpoint did not ask for sleep.
      expect(bodies.some((body) => body.type === "sleep.created")).toBe(false);
      for (const request of receiver.received) {
        expect(verifyStandardWebhook(secret, request.headers, request.body)).toBe(true);
        expect(request.headers["webhook-id"]).toBe(JSON.parse(request.body).id);
        expect(request.headers["webhook-signature"]).toMatch(/^v1,[A-Za-z0-9+/]+={0,2}$/);
        // A changed body or another secret does not verify.
        expect(verifyStandardWebhook(secret, request.headers, `${request.body} `)).toBe(false);
        expect(
          verifyStandardWebhook(
            `whsec_${Buffer.from("x".repeat(24)).toString("base64")}`,
            request.headers,
            request.body,
          ),
        ).toBe(false);
      }

      // The secret is shown once: stored sealed, never listed.
      const [row] = await database.db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, endpoint.id));
      expect(row!.encryptedSecret).not.toContain(secret.slice(6));
      const listed = await (await alice.call("/api/webhooks/endpoints", { asSession: true })).text();
      expect(listed).toContain(receiver.url);
      expect(listed).not.toContain(secret.slice(6));
    });

    it("retries a receiver that fails twice with backoff, and logs every attempt", async () => {
      const receiver = await startWebhookReceiver([500, 503, 204]);
      servers.push(receiver);
      const bob = await person();
      const { endpoint, secret } = await register(bob, receiver.url, ["body.created"]);
      await writeBatch(bob.user.id, {
        bodyMeasurements: [{ measuredAt: new Date("2026-01-03T07:00:00Z"), weightKg: 71.5 }],
      });
      const log = async () =>
        (
          (await (await bob.call(`/api/webhooks/endpoints/${endpoint.id}/deliveries`)).json()) as {
            deliveries: Array<{
              status: string;
              attempts: number;
              lastStatusCode: number | null;
              lastError: string | null;
            }>;
          }
        ).deliveries;

      const start = new Date();
      expect(await deliverAt(start)).toBe(1);
      expect(await log()).toMatchObject([{ status: "pending", attempts: 1, lastStatusCode: 500 }]);
      expect((await log())[0]!.lastError).toContain("receiver is down");
      // Not due again until its backoff is over.
      expect(await deliverAt(new Date(start.getTime() + 5_000))).toBe(0);

      expect(await deliverAt(new Date(start.getTime() + MINUTE))).toBe(1);
      expect(await log()).toMatchObject([{ status: "pending", attempts: 2, lastStatusCode: 503 }]);
      expect(await deliverAt(new Date(start.getTime() + 10 * MINUTE))).toBe(1);
      expect(await log()).toMatchObject([{ status: "succeeded", attempts: 3, lastStatusCode: 204, lastError: null }]);
      expect(await deliverAt(new Date(start.getTime() + 2 * HOUR))).toBe(0);

      // At least once, and the same message each time: one webhook-id, each attempt signed anew.
      expect(receiver.received).toHaveLength(3);
      expect(new Set(receiver.received.map((request) => request.headers["webhook-id"])).size).toBe(1);
      expect(new Set(receiver.received.map((request) => request.headers["webhook-timestamp"])).size).toBe(3);
      for (const request of receiver.received)
        expect(verifyStandardWebhook(secret, request.headers, request.body)).toBe(true);
      expect(JSON.parse(receiver.received[2]!.body).data.items[0]).toMatchObject({ weightKg: 71.5 });
    });

    it("gives up after 24 hours, and Send again delivers the same event", async () => {
      const receiver = await startWebhookReceiver([503]);
      servers.push(receiver);
      const carol = await person();
      const { endpoint } = await register(carol, receiver.url, ["activity.created"]);
      await writeBatch(carol.user.id, { activities: [activity(7)] });

      const start = new Date();
      await deliverAt(start);
      await deliverAt(new Date(start.getTime() + 25 * HOUR));
      const log = async () =>
        (
          (await (await carol.call(`/api/webhooks/endpoints/${endpoint.id}/deliveries`)).json()) as {
            deliveries: Array<{ id: string; eventId: string; status: string; attempts: number }>;
          }
        ).deliveries;
      const [failed] = await log();
      expect(failed).toMatchObject({ status: "failed", attempts: 2 });
      expect(await deliverAt(new Date(start.getTime() + 48 * HOUR))).toBe(0);

      receiver.answerWith(200);
      const resent = await carol.call(`/api/webhooks/deliveries/${failed!.id}/resend`, { method: "POST" });
      expect(resent.status).toBe(202);
      expect(await deliverAt(new Date())).toBe(1);
      const [again, original] = await log();
      expect(again).toMatchObject({ eventId: failed!.eventId, status: "succeeded", attempts: 1 });
      expect(original).toMatchObject({ id: failed!.id, status: "failed" });
      expect(receiver.received.at(-1)!.headers["webhook-id"]).toBe(receiver.received[0]!.headers["webhook-id"]);
    });

    it("coalesces a 250-activity batch into three events instead of 250 requests", async () => {
      const receiver = await startWebhookReceiver([200]);
      servers.push(receiver);
      const dave = await person();
      await register(dave, receiver.url, ["activity.created", "activity.updated"]);
      await writeBatch(dave.user.id, { activities: Array.from({ length: 250 }, (_, n) => activity(n)) });
      await deliverAt(new Date());
      const sizes = receiver.received.map((request) => JSON.parse(request.body).data.items.length).sort();
      expect(sizes).toEqual([100, 100, 50]);

      // A re-sync that changes one activity is one activity.updated; unchanged rows say nothing.
      await writeBatch(dave.user.id, {
        activities: [...Array.from({ length: 10 }, (_, n) => activity(n)), { ...activity(3), distanceM: 9999 }],
      });
      await deliverAt(new Date());
      const updated = JSON.parse(receiver.received.at(-1)!.body);
      expect(receiver.received).toHaveLength(4);
      expect(updated).toMatchObject({
        type: "activity.updated",
        data: { items: [{ externalId: "run-3", distanceM: 9999 }] },
      });
    });

    it("reports a connection's status once per change, not every sync", async () => {
      const receiver = await startWebhookReceiver([200]);
      servers.push(receiver);
      const erin = await person();
      await register(erin, receiver.url, ["connection.status"]);
      const { connection } = await upsertConnection(database.db, {
        userId: erin.user.id,
        provider: "oura",
        externalUserId: "oura-erin",
        label: null,
        authKind: "oauth2",
        encryptedCredentials: null,
        expiresAt: null,
        scopes: [],
      });
      for (const status of ["syncing", "active", "syncing", "error", "syncing", "error", "needs_reauth"] as const)
        await setConnectionStatus(database.db, {
          connectionId: connection.id,
          status,
          lastError: status === "error" ? "Oura is down" : null,
        });
      await deliverAt(new Date());
      const reported = receiver.received.map((request) => JSON.parse(request.body).data);
      expect(reported.map((data) => data.status)).toEqual(["active", "error", "needs_reauth"]);
      expect(reported[1]).toMatchObject({
        connectionId: connection.id,
        provider: "oura",
        previousStatus: "active",
        error: "Oura is down",
      });
    });

    it("gives up on a receiver that never answers after the request's timeout, and tries again later", async () => {
      const receiver = await startWebhookReceiver([0]);
      servers.push(receiver);
      const oscar = await person();
      const { endpoint } = await register(oscar, receiver.url, ["activity.created"]);
      await writeBatch(oscar.user.id, { activities: [activity(21)] });
      expect(await deliverDueWebhooks(database.db, { policy: LOCAL_POLICY, timeoutMs: 300 })).toBe(1);
      const { deliveries } = (await (await oscar.call(`/api/webhooks/endpoints/${endpoint.id}/deliveries`)).json()) as {
        deliveries: Array<{ status: string; attempts: number; lastError: string }>;
      };
      expect(deliveries[0]).toMatchObject({ status: "pending", attempts: 1, lastError: "No answer within 0.3 s." });
      expect(receiver.received).toHaveLength(1);
    });

    it("sends a test event to one endpoint on request", async () => {
      const receiver = await startWebhookReceiver([200]);
      servers.push(receiver);
      const frank = await person();
      const { endpoint, secret } = await register(frank, receiver.url, ["sleep.created"]);
      const response = await frank.call(`/api/webhooks/endpoints/${endpoint.id}/test`, {
        method: "POST",
        asSession: true,
      });
      expect(response.status).toBe(202);
      await deliverAt(new Date());
      expect(receiver.received).toHaveLength(1);
      expect(JSON.parse(receiver.received[0]!.body)).toMatchObject({
        type: "webhook.test",
        data: { endpointId: endpoint.id },
      });
      expect(verifyStandardWebhook(secret, receiver.received[0]!.headers, receiver.received[0]!.body)).toBe(true);
    });

    it("refuses bad URLs and event names with a 400 naming the field", async () => {
      const grace = await person();
      const refusals: Array<[unknown, string, RegExp]> = [
        [{ url: "ftp://example.com/hooks", events: ["activity.created"] }, "url", /http:\/\/ or https:\/\//],
        [{ url: "not a url", events: ["activity.created"] }, "url", /full URL/],
        [{ url: "http://127.0.0.1:8080/hooks", events: ["activity.created"] }, "url", /private or local/],
        [{ url: "http://[::1]/hooks", events: ["activity.created"] }, "url", /private or local/],
        [{ url: "http://169.254.169.254/latest/meta-data", events: ["activity.created"] }, "url", /private or local/],
        [{ url: "http://localhost:9/hooks", events: ["activity.created"] }, "url", /private or local/],
        [
          { url: "https://qt.example.test/api/webhooks/ingest", events: ["activity.created"] },
          "url",
          /this app itself/,
        ],
        [{ url: "https://user:pw@example.com/hooks", events: ["activity.created"] }, "url", /user name or password/],
        [{ url: "https://example.com/hooks", events: ["activity.deleted"] }, "events.0", /must be one of/],
        [{ url: "https://example.com/hooks", events: [] }, "events", /at least one/],
      ];
      for (const [body, field, message] of refusals) {
        const response = await grace.call("/api/webhooks/endpoints", { method: "POST", body, api: strictApi });
        expect(response.status, JSON.stringify(body)).toBe(400);
        const { error } = (await response.json()) as { error: { issues: Array<{ field: string; message: string }> } };
        expect(error.issues[0], JSON.stringify(body)).toMatchObject({ field, message: expect.stringMatching(message) });
      }
      const listed = (await (await grace.call("/api/webhooks/endpoints", { api: strictApi })).json()) as {
        endpoints: [];
      };
      expect(listed.endpoints).toEqual([]);
      expect((await fetch(`${strictApi}/api/webhooks/endpoints`)).status).toBe(401);
    });

    it("refuses at delivery time a host that resolves to a private address", async () => {
      const receiver = await startWebhookReceiver([200]);
      servers.push(receiver);
      const heidi = await person();
      // Allowed when it was registered (as a public name may be, before it is rebound to 127.0.0.1).
      const { endpoint } = await register(heidi, `http://localhost:${receiver.port}/hooks`, ["activity.created"]);
      await writeBatch(heidi.user.id, { activities: [activity(11)] });
      await deliverAt(new Date(), { allowPrivate: false, appOrigins: [] });
      expect(receiver.received).toHaveLength(0);
      const { deliveries } = (await (await heidi.call(`/api/webhooks/endpoints/${endpoint.id}/deliveries`)).json()) as {
        deliveries: Array<{ status: string; lastError: string }>;
      };
      expect(deliveries[0]).toMatchObject({ status: "pending", lastError: expect.stringContaining("private address") });
    });

    it("keeps each person's endpoints and deliveries their own", async () => {
      const receiver = await startWebhookReceiver([200]);
      servers.push(receiver);
      const ivan = await person();
      const judy = await person();
      const { endpoint } = await register(ivan, receiver.url, ["activity.created"]);
      await writeBatch(judy.user.id, { activities: [activity(12)] });
      await writeBatch(ivan.user.id, { activities: [activity(13)] });
      await deliverAt(new Date());
      expect(receiver.received.map((request) => JSON.parse(request.body).data.items[0].externalId)).toEqual(["run-13"]);

      const { deliveries } = (await (await ivan.call(`/api/webhooks/endpoints/${endpoint.id}/deliveries`)).json()) as {
        deliveries: Array<{ id: string }>;
      };
      expect((await judy.call(`/api/webhooks/endpoints/${endpoint.id}/deliveries`)).status).toBe(404);
      expect((await judy.call(`/api/webhooks/deliveries/${deliveries[0]!.id}/resend`, { method: "POST" })).status).toBe(
        404,
      );
      expect((await judy.call(`/api/webhooks/endpoints/${endpoint.id}`, { method: "DELETE" })).status).toBe(404);
      expect((await ivan.call(`/api/webhooks/endpoints/${endpoint.id}`, { method: "DELETE" })).status).toBe(204);
      const events = await database.db
        .select()
        .from(webhookEvents)
        .where(and(eq(webhookEvents.userId, judy.user.id)));
      // Judy has no endpoint: her writes leave nothing in the outbox.
      expect(events).toEqual([]);
    });
  },
  // A delivery pass claims every due delivery in the database: other files' must not be in it.
  { isOwnDatabase: true },
);
