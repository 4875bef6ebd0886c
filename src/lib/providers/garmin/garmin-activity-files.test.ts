import { eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { rememberFileReferences } from "@/lib/db/queries/original-file-fetches";
import { activities } from "@/lib/db/schema";
import { handleProviderWebhook, readWebhookRequest } from "@/lib/webhooks/handle-webhook";
import { garminDeliveryStore } from "@/sandbox/garmin/sandbox-backfill";
import { garminNotification, type GarminNotifiedType } from "@/sandbox/garmin/sandbox-data";
import { garminUploadedSummaries } from "@/sandbox/garmin/sandbox-summaries";
import { describeEachDatabase } from "@tests/databases";
import { decodeFit, fileFetchesOf, keptFilesOf, readKeptFile, setUpFileStore } from "@tests/original-files";
import { setUpSandboxServer } from "@tests/sandbox-for-tests";
import { connectSandboxAccount, syncNow } from "@tests/sync-driver";

// Garmin's Activity Files end to end over real HTTP: an activityFiles ping names a FIT by a
// callbackURL (24 h, once); the sync fetches it with the person's token and ties it to the
// activity with the same activityId, whichever of the two arrives first.

const sandbox = setUpSandboxServer();
const files = setUpFileStore();

const ORIGIN = "http://qt.test";
const HOUR_MS = 3_600_000;
let accounts = 0;
const freshAccount = () => `files-${Date.now()}-${++accounts}`;

/** The account's newest uploaded activity, and a moment just after its upload, so an hour's ping names it. */
function newestActivity(account: string) {
  const nowS = Math.floor(Date.now() / 1000);
  const uploaded = garminUploadedSummaries("activities", account, nowS - 14 * 86_400, nowS);
  const newest = uploaded.at(-1)!;
  return {
    activityId: String(newest.summary.activityId),
    startS: Number(newest.summary.startTimeInSeconds),
    durationS: Number(newest.summary.durationInSeconds),
    distanceM: Number(newest.summary.distanceInMeters ?? 0),
    at: new Date((newest.uploadedAt + 60) * 1000),
  };
}

describeEachDatabase("Garmin activity files", (database) => {
  const deliver = async (notification: { body: string; headers: Record<string, string> }) => {
    const response = await handleProviderWebhook(
      database.db,
      "garmin",
      await readWebhookRequest(new Request(`${ORIGIN}/api/webhooks/garmin`, { method: "POST", ...notification })),
      ORIGIN,
    );
    expect(response.status).toBe(200);
  };
  const ping = (account: string, types: GarminNotifiedType[], at: Date, issuedAt?: Date) =>
    garminNotification(account, "ping", { summaryTypes: types, now: at, issuedAt });
  const sync = async (connection: { id: string; userId: string }) => {
    const job = await syncNow(database.db, connection, { fileStore: files.store });
    expect(job.status).toBe("succeeded");
    return job;
  };
  const connected = async (account: string) => {
    const result = await connectSandboxAccount(database.db, "garmin", account);
    await sync(result.connection);
    return result;
  };
  const activityOf = async (userId: string, externalId: string) =>
    (await database.db.select().from(activities).where(eq(activities.userId, userId))).find(
      (row) => row.externalId === externalId,
    );

  it("stores the FIT an activityFiles ping names and ties it to the activity that came first", async () => {
    const account = freshAccount();
    const { user, connection } = await connected(account);
    const activity = newestActivity(account);
    await deliver(ping(account, ["activities"], activity.at));
    await sync(connection);
    const row = await activityOf(user.id, activity.activityId);
    expect(row).toBeDefined();

    await deliver(ping(account, ["activityFiles"], activity.at));
    await sync(connection);
    const kept = await keptFilesOf(database.db, user.id);
    expect(kept).toHaveLength(1);
    expect(kept[0]).toMatchObject({ activityId: row!.id, origin: "provider", source: "garmin", format: "fit" });
    const fit = decodeFit(await readKeptFile(files.store, kept[0]!));
    expect(fit).toMatchObject({ isIntact: true, errors: [] });
    expect(fit.session?.startTime).toEqual(new Date(activity.startS * 1000));
    expect(fit.session?.totalElapsedTime).toBe(activity.durationS);
    expect(fit.session?.totalDistance ?? 0).toBeCloseTo(activity.distanceM, 1);
    expect(await fileFetchesOf(database.db, connection.id, activity.activityId)).toMatchObject([
      { state: "stored", fileId: kept[0]!.id, attempts: 0 },
    ]);
  });

  it("keeps a FIT that arrives before its activity and ties it when the activity is written", async () => {
    const account = freshAccount();
    const { user, connection } = await connected(account);
    const activity = newestActivity(account);
    await deliver(ping(account, ["activityFiles"], activity.at));
    await sync(connection);
    expect(await activityOf(user.id, activity.activityId)).toBeUndefined();
    const [waiting] = await keptFilesOf(database.db, user.id);
    expect(waiting).toMatchObject({ activityId: null, source: "garmin" });

    await deliver(ping(account, ["activities"], activity.at));
    await sync(connection);
    const row = await activityOf(user.id, activity.activityId);
    expect(await keptFilesOf(database.db, user.id)).toMatchObject([{ id: waiting!.id, activityId: row!.id }]);
  });

  it("lets an expired callbackURL (410) pass without failing, and stores the file from the next notification", async () => {
    const account = freshAccount();
    const { user, connection } = await connected(account);
    const activity = newestActivity(account);
    // Issued 25 hours ago by the sandbox's clock: Garmin's 24 hours are over.
    await deliver(ping(account, ["activityFiles"], activity.at, new Date(Date.now() - 25 * HOUR_MS)));
    await sync(connection);
    expect(await keptFilesOf(database.db, user.id)).toEqual([]);
    expect(await fileFetchesOf(database.db, connection.id, activity.activityId)).toMatchObject([{ state: "expired" }]);
    // Nothing is asked of Garmin again until it sends a fresh URL.
    const before = sandbox.state.countCalls({ provider: "garmin", path: "/wellness-api/rest/activityFile" });
    await sync(connection);
    expect(sandbox.state.countCalls({ provider: "garmin", path: "/wellness-api/rest/activityFile" })).toBe(before);

    await deliver(ping(account, ["activityFiles"], activity.at));
    await sync(connection);
    expect(await keptFilesOf(database.db, user.id)).toHaveLength(1);
    expect(await fileFetchesOf(database.db, connection.id, activity.activityId)).toMatchObject([{ state: "stored" }]);
  });

  it("stores a re-delivered notification's file once and never fetches a stored file again", async () => {
    const account = freshAccount();
    const { user, connection } = await connected(account);
    const activity = newestActivity(account);
    const notification = ping(account, ["activityFiles"], activity.at);
    await deliver(notification);
    await deliver(notification);
    await sync(connection);
    expect(garminDeliveryStore(sandbox.state).activityFilesFetched).toHaveLength(1);
    // Garmin re-sends it, and later sends a new URL for the same activity: both are known files.
    await deliver(notification);
    await deliver(ping(account, ["activityFiles"], activity.at));
    await sync(connection);
    expect(garminDeliveryStore(sandbox.state).activityFilesFetched).toHaveLength(1);
    expect(await keptFilesOf(database.db, user.id)).toHaveLength(1);
    expect(await fileFetchesOf(database.db, connection.id)).toHaveLength(1);
  });

  it("keeps the records when a download fails, and fetches the file on the next sync", async () => {
    const account = freshAccount();
    const { user, connection } = await connected(account);
    const activity = newestActivity(account);
    await deliver(ping(account, ["activities", "activityFiles"], activity.at));
    // Every try of this sync fails (the first answer and the fetch's three retries).
    sandbox.state.faults.push({
      host: "apis.garmin.com",
      pathIncludes: "/activityFile",
      kind: "server_error",
      times: 4,
    });
    await sync(connection);
    expect(await activityOf(user.id, activity.activityId)).toBeDefined();
    expect(await keptFilesOf(database.db, user.id)).toEqual([]);
    expect(await fileFetchesOf(database.db, connection.id, activity.activityId)).toMatchObject([
      { state: "pending", attempts: 1 },
    ]);

    await sync(connection);
    const row = await activityOf(user.id, activity.activityId);
    expect(await keptFilesOf(database.db, user.id)).toMatchObject([{ activityId: row!.id }]);
  });

  it("never fetches a file URL on another host, from a ping or from the table", async () => {
    const account = freshAccount();
    const { user, connection } = await connected(account);
    const activity = newestActivity(account);
    const notification = ping(account, ["activityFiles"], activity.at);
    const forged = notification.body.replace("https://apis.garmin.com/", "https://evil.example/");
    expect(forged).toContain("evil.example");
    await deliver({ body: forged, headers: notification.headers });
    expect(await fileFetchesOf(database.db, connection.id)).toEqual([]);
    // Had one reached the table, the sync would still refuse it.
    await rememberFileReferences(database.db, { userId: user.id, connectionId: connection.id, provider: "garmin" }, [
      { activityExternalId: activity.activityId, format: "fit", url: "https://evil.example/wellness-api/rest/x" },
    ]);
    await sync(connection);
    expect(await keptFilesOf(database.db, user.id)).toEqual([]);
    expect(await fileFetchesOf(database.db, connection.id)).toMatchObject([
      { state: "unavailable", message: expect.stringContaining("not one of Garmin's") },
    ]);
    expect(sandbox.state.faultedCalls).toEqual([]);
    expect(sandbox.state.countCalls({ provider: "garmin", path: "/wellness-api/rest/activityFile" })).toBe(0);
  });
});
