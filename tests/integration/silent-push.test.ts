import { eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { findLastScheduledFinds } from "@/lib/db/queries/sync-jobs";
import { providerConnections } from "@/lib/db/schema";
import { enqueueConnectionSync } from "@/lib/jobs";
import { stravaEventBody } from "@/lib/providers/strava/webhook";
import { handleProviderWebhook, readWebhookRequest } from "@/lib/webhooks/handle-webhook";
import { describeSilentPush } from "@/lib/webhooks/silent-push";
import { describeEachDatabase } from "../databases";
import { setUpSandboxServer } from "../sandbox-for-tests";
import { connectSandboxAccount, reloadConnection, syncNow } from "../sync-driver";

setUpSandboxServer();

const ORIGIN = "http://qt.test";
const push = (body: string, headers: Record<string, string> = {}) =>
  readWebhookRequest(
    new Request(`${ORIGIN}/api/webhooks/strava`, {
      method: "POST",
      body,
      headers: { "content-type": "application/json", ...headers },
    }),
  );

describeEachDatabase("silent pushes", (database) => {
  const db = () => database.db;

  it("notes when a provider last pushed for the account it names, and only that account", async () => {
    const named = await connectSandboxAccount(db(), "strava", `named-${Date.now()}`);
    const other = await connectSandboxAccount(db(), "strava", `other-${Date.now()}`);
    expect(named.connection.lastPushAt).toBeNull();
    const response = await handleProviderWebhook(
      db(),
      "strava",
      await push(JSON.stringify(stravaEventBody(Number(named.connection.externalUserId), "activity_created"))),
      ORIGIN,
    );
    expect(response.status).toBe(200);
    expect((await reloadConnection(db(), named.connection.id)).lastPushAt).toBeInstanceOf(Date);
    expect((await reloadConnection(db(), other.connection.id)).lastPushAt).toBeNull();
  });

  it("does not count a push it could not read", async () => {
    const { connection } = await connectSandboxAccount(db(), "strava", `quiet-${Date.now()}`);
    const malformed = { ...stravaEventBody(Number(connection.externalUserId), "activity_created"), owner_id: "x" };
    expect((await handleProviderWebhook(db(), "strava", await push(JSON.stringify(malformed)), ORIGIN)).status).toBe(
      400,
    );
    expect((await reloadConnection(db(), connection.id)).lastPushAt).toBeNull();
  });

  it("shows a provider that has not pushed while the scheduled sync keeps finding new data", async () => {
    const { user, connection } = await connectSandboxAccount(db(), "strava", "bulk-10");
    const lastPush = new Date(Date.now() - 5 * 60 * 60_000);
    await db()
      .update(providerConnections)
      .set({ lastPushAt: lastPush })
      .where(eq(providerConnections.id, connection.id));

    // The scheduled pass queues the sync (reason "scheduled"), which finds the ten activities nobody announced.
    await enqueueConnectionSync(db(), { userId: user.id, connectionId: connection.id, reason: "scheduled" });
    const found = await syncNow(db(), connection);
    expect(found).toMatchObject({ status: "succeeded", inserted: 10 });
    const finds = await findLastScheduledFinds(db(), { userId: user.id });
    expect(finds.get(connection.id)).toEqual(found.finishedAt);

    // A later scheduled sync that finds nothing new does not count as a find.
    await enqueueConnectionSync(db(), { userId: user.id, connectionId: connection.id, reason: "scheduled" });
    expect(await syncNow(db(), connection)).toMatchObject({ status: "succeeded", inserted: 0 });
    expect((await findLastScheduledFinds(db(), { userId: user.id })).get(connection.id)).toEqual(found.finishedAt);

    const stored = await reloadConnection(db(), connection.id);
    const note = describeSilentPush({
      providerName: "Strava",
      lastPushAt: stored.lastPushAt,
      connectedAt: stored.createdAt,
      lastScheduledFindAt: finds.get(connection.id),
      intervalMinutes: 60,
    });
    expect(note).toMatch(/^Strava has not pushed since .+; polling hourly\.$/);

    // A sync a push asked for finds data too, but says nothing about silence.
    const pushed = await connectSandboxAccount(db(), "strava", "bulk-20");
    await enqueueConnectionSync(db(), {
      userId: pushed.user.id,
      connectionId: pushed.connection.id,
      kind: "webhook",
      reason: "webhook",
    });
    await syncNow(db(), pushed.connection);
    expect((await findLastScheduledFinds(db(), { userId: pushed.user.id })).size).toBe(0);
  });
});
