import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import postgres from "postgres";
import { asc, count, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { openPostgres, type DatabaseHandle } from "@/lib/db/client";
import { ingestReceipts, samples } from "@/lib/db/schema";
import { ingestBody } from "@/lib/ingest/ingest";
import { resumeUnfinishedReceipts } from "@/lib/ingest/resume-receipts";
import { createTestUser } from "../factories";
import { manyHeartRatesBody } from "../fixtures/many-heart-rates";
import { getTestServerUrl, withDatabase } from "../postgres-url";

const POINTS = 60_000;
const CHILD_APP = "qt-crash-child";

// A real crash: a child process ingests into Postgres and is killed with SIGKILL mid-transaction.
// Its own database, so "an insert into samples is running" can only be the child's.
describe("a push cut off by kill -9 [postgres]", () => {
  const database = `qt_crash_${Date.now()}_${randomBytes(3).toString("hex")}`;
  const url = withDatabase(getTestServerUrl(), database);
  const admin = postgres(getTestServerUrl(), { max: 1, onnotice: () => {} });
  let handle: DatabaseHandle;
  beforeAll(async () => {
    await admin.unsafe(`create database ${database}`);
    handle = await openPostgres(url, { max: 4 });
  });
  afterAll(async () => {
    await handle?.close();
    await admin.unsafe(`drop database if exists ${database} with (force)`);
    await admin.end();
  });

  // The child's ingest transaction has written (it holds a transaction id) after its receipt was kept.
  const childWrites = async () => {
    const rows = await handle.db.execute<{ n: number }>(
      sql`select count(*)::int as n from pg_stat_activity
          where datname = current_database() and application_name = ${CHILD_APP} and backend_xid is not null
            and exists (select 1 from ingest_receipts)`,
    );
    return (Array.isArray(rows) ? rows : (rows as unknown as { rows: { n: number }[] }).rows)[0]!.n;
  };
  const heartRates = async (userId: string) =>
    (
      await handle.db
        .select({ time: samples.time, value: samples.value, sourceId: samples.sourceId })
        .from(samples)
        .where(eq(samples.userId, userId))
        .orderBy(asc(samples.time))
    ).map((row) => [row.time.getTime(), row.value, row.sourceId]);

  it("is processed once at the next start, with the rows of a normal post", async () => {
    const user = await createTestUser(handle.db);
    const child = spawn(
      process.execPath,
      ["--import", "tsx", path.resolve("tests/children/ingest-until-killed.ts"), url, user.id, String(POINTS)],
      {
        env: { ...process.env, PGAPPNAME: CHILD_APP },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.on("exit", (_code, signal) => resolve(signal)),
    );
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));

    // Kill it while its transaction is writing samples.
    await vi.waitFor(async () => expect(await childWrites(), output).toBeGreaterThan(0), {
      timeout: 100_000,
      interval: 10,
    });
    child.kill("SIGKILL");
    expect(await exited).toBe("SIGKILL");
    await vi.waitFor(async () => expect(await childWrites()).toBe(0), { timeout: 10_000, interval: 20 });

    const [receipt] = await handle.db.select().from(ingestReceipts).where(eq(ingestReceipts.userId, user.id));
    expect(receipt).toMatchObject({ status: "received" });
    expect(await heartRates(user.id)).toHaveLength(0); // the transaction died with the process

    expect(await resumeUnfinishedReceipts(handle.db)).toEqual({ processed: 1, failed: 0 });
    expect(await resumeUnfinishedReceipts(handle.db)).toEqual({ processed: 0, failed: 0 });

    const normal = await createTestUser(handle.db);
    const posted = await ingestBody(handle.db, {
      userId: normal.id,
      apiKeyId: null,
      contentType: "application/json",
      body: Buffer.from(JSON.stringify(manyHeartRatesBody(POINTS))),
    });
    const [resumed] = await handle.db.select().from(ingestReceipts).where(eq(ingestReceipts.id, receipt!.id));
    expect(resumed).toMatchObject({ status: "processed", format: posted.format });
    expect(resumed!.counts!.samples).toEqual(posted.counts.samples);
    expect(await heartRates(user.id)).toEqual(await heartRates(normal.id));
    expect((await handle.db.select({ n: count() }).from(samples).where(eq(samples.userId, user.id)))[0]!.n).toBe(
      posted.counts.samples!.inserted,
    );
  }, 150_000);
});
