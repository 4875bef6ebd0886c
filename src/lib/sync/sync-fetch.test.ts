import { expect, it } from "vitest";
import { openTokens } from "@/lib/connections/credentials";
import { getProviderOrThrow } from "@/lib/providers";
import { describeEachDatabase } from "@tests/databases";
import { setUpSandboxServer } from "@tests/sandbox-for-tests";
import { connectSandboxAccount, recordingSleep, syncNow } from "@tests/sync-driver";
import { createSyncFetch } from "./sync-fetch";

// Which answers a sync asks again: the provider's timeout (408) yes, a refusal (404) never.
// Shown with Strava; nothing here is Strava's own.

const sandbox = setUpSandboxServer();

const HOST = "www.strava.com";
const LIST_PATH = "/api/v3/athlete/activities";
const LIST_URL = `https://${HOST}${LIST_PATH}?per_page=1`;
// Strava's documented error body.
const NOT_FOUND = { message: "Record Not Found", errors: [{ resource: "Athlete", field: "id", code: "invalid" }] };
/** Every request to the list: refused by a fault or served by the sandbox. */
const listRequests = () =>
  sandbox.state.faultedCalls.filter((call) => call.path === LIST_PATH).length +
  sandbox.state.countCalls({ provider: "strava", path: LIST_PATH });

describeEachDatabase("which provider answers a sync retries", (database) => {
  async function connectedFetch() {
    const { connection } = await connectSandboxAccount(database.db, "strava", "athlete");
    const { waits, sleep } = recordingSleep();
    const client = createSyncFetch({
      db: database.db,
      provider: getProviderOrThrow("strava"),
      connection,
      tokens: openTokens(connection),
      sleep,
    });
    return { connection, waits, fetch: client.fetch };
  }

  it("retries a 408 Request Timeout with backoff, like a server error", async () => {
    const { fetch, waits } = await connectedFetch();
    sandbox.state.faults.push({
      host: HOST,
      pathIncludes: LIST_PATH,
      kind: "http_error",
      status: 408,
      body: { message: "Request Timeout" },
      times: 2,
    });
    const response = await fetch(LIST_URL);
    expect(response.status).toBe(200);
    expect(listRequests()).toBe(3);
    expect(waits).toEqual([1000, 2000]);
  });

  it("hands a 404 back at once, without asking again", async () => {
    const { fetch, waits } = await connectedFetch();
    sandbox.state.faults.push({
      host: HOST,
      pathIncludes: LIST_PATH,
      kind: "http_error",
      status: 404,
      body: NOT_FOUND,
      times: 5,
    });
    const response = await fetch(LIST_URL);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual(NOT_FOUND);
    expect(listRequests()).toBe(1);
    expect(waits).toEqual([]);
  });

  it("finishes a sync through 408s, and fails one refused with 404 after a single request, naming the provider's message", async () => {
    const timedOut = await connectSandboxAccount(database.db, "strava", "athlete");
    sandbox.state.faults.push({ host: HOST, pathIncludes: LIST_PATH, kind: "http_error", status: 408, times: 2 });
    expect(await syncNow(database.db, timedOut.connection)).toMatchObject({ status: "succeeded" });

    const refused = await connectSandboxAccount(database.db, "strava", "athlete");
    sandbox.state.faults.push({
      host: HOST,
      pathIncludes: LIST_PATH,
      kind: "http_error",
      status: 404,
      body: NOT_FOUND,
      times: 100,
    });
    const before = listRequests();
    // Strava's one stream refused is every stream refused: the job fails, and is not retried.
    const job = await syncNow(database.db, refused.connection, { maxAttempts: 4 });
    expect(job).toMatchObject({
      status: "failed",
      attempts: 1,
      streamStatus: { activities: { state: "refused", httpStatus: 404, message: "Record Not Found" } },
    });
    expect(job.error).toContain("Record Not Found");
    expect(listRequests() - before).toBe(1);
  });
});
