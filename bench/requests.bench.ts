// Requests a first sync makes, per provider, against the fewest its API allows: each provider's
// standard sandbox account (the one the consent page approves by default) is connected and
// synced once, with every request counted by a proxy in front of the sandbox; the fewest comes
// from requests-fewest.ts. Target: at most 1.2 times the fewest. Run alone: npm run bench -- requests
//
// The first sync also downloads the original file of every activity a provider offers one for
// (Polar's FIT per listed exercise, COROS's fitUrl per workout, Google's exportExerciseTcx per
// own workout with the location scope): one request per file, which no provider offers in bulk,
// so the fewest counts them too. Garmin's files come by activityFiles ping, not in a first sync.
// File paths are counted per pattern (requests-paths.ts), not one line per file.
import { randomBytes } from "node:crypto";
import { completeConnection, startConnection } from "../src/lib/connections/connect";
import { openPglite, type Database } from "../src/lib/db/client";
import { claimNextJob } from "../src/lib/db/queries/sync-jobs";
import { users } from "../src/lib/db/schema";
import { enqueueConnectionSync } from "../src/lib/jobs";
import { executeSyncJob } from "../src/lib/jobs/run-job";
import { PROVIDERS } from "../src/lib/providers";
import type { ProviderDefinition } from "../src/lib/providers/types";
import { startSandboxServer } from "../tests/sandbox-server";
import { Census } from "./requests-census";
import { FEWEST } from "./requests-fewest";
import { byPathPattern } from "./requests-paths";
import { startCountingProxy } from "./requests-proxy";
import { writeResult } from "./report";

const TARGET_RATIO = 1.2;
const APP_ORIGIN = "http://qt.test";
process.env.QT_SYNC_REQUESTS_PER_MINUTE = "100000000";
process.env.QT_DATA_DIR ??= `/tmp/qt-bench-${process.pid}`;

const sandbox = await startSandboxServer();
const proxy = await startCountingProxy(sandbox.url);
// Every provider request of the app goes through the proxy.
process.env.PROVIDER_BASE_URL = proxy.url;

/** Approves the consent page as a person would, leaving the account at the sandbox's default. */
async function connect(db: Database, userId: string, provider: ProviderDefinition) {
  const { redirectUrl } = await startConnection(db, { userId, provider: provider.slug, origin: APP_ORIGIN });
  const decided = await fetch(redirectUrl, {
    method: "POST",
    body: new URLSearchParams({ decision: "approve" }),
    redirect: "manual",
  });
  const location = decided.headers.get("location");
  if (decided.status !== 302 || !location)
    throw new Error(`${provider.name}: the consent page answered ${decided.status}`);
  return (await completeConnection(db, { userId, query: new URL(location).searchParams, origin: APP_ORIGIN }))
    .connection;
}

async function measure(db: Database, provider: ProviderDefinition) {
  const fewestOf = FEWEST[provider.slug];
  if (!fewestOf) throw new Error(`bench/requests-fewest.ts has no fewest-requests function for ${provider.slug}`);
  const [user] = await db
    .insert(users)
    .values({ email: `bench-${randomBytes(4).toString("hex")}@example.test` })
    .returning();
  const connection = await connect(db, user!.id, provider);
  proxy.take(); // the connect's own requests are not the sync's

  const { job } = await enqueueConnectionSync(db, { userId: user!.id, connectionId: connection.id, kind: "backfill" });
  const claimed = await claimNextJob(db, { connectionId: connection.id });
  if (claimed?.id !== job.id) throw new Error(`${provider.name}: the sync job was not claimed`);
  const outcome = await executeSyncJob(db, claimed, { sleep: async () => {} });
  if (outcome !== "succeeded") throw new Error(`${provider.name}: the first sync ${outcome}`);
  const made = byPathPattern(proxy.take());

  const census = new Census("athlete");
  await fewestOf(census, provider, new Date());
  const requests = [...made.values()].reduce((sum, n) => sum + n, 0);
  const fewest = census.total();
  const fewestByPath = byPathPattern(census.requests);
  const ratio = Math.round((requests / fewest) * 100) / 100;
  return {
    requests,
    fewestRequests: fewest,
    ratio,
    isWithinTarget: ratio <= TARGET_RATIO,
    requestsByPath: Object.fromEntries([...made].sort()),
    fewestByPath: Object.fromEntries([...fewestByPath].sort()),
    // A stream added without its share in requests-fewest.ts shows here instead of hiding in the ratio.
    pathsMissingFromFewest: [...made.keys()].filter((path) => !fewestByPath.has(path)),
  };
}

try {
  const handle = await openPglite();
  try {
    const providers: Record<string, Awaited<ReturnType<typeof measure>>> = {};
    for (const provider of PROVIDERS) {
      if (!provider.sync) continue;
      console.log(`${provider.name}: connecting and syncing`);
      providers[provider.slug] = await measure(handle.db, provider);
    }
    writeResult("requests", {
      baseline: `a first sync of each provider's standard sandbox account makes at most ${TARGET_RATIO}x the fewest requests its API allows (largest pages, widest windows)`,
      providers,
    });
    console.log("\nprovider   requests  fewest  ratio");
    for (const [slug, figures] of Object.entries(providers)) {
      const notes = [
        figures.isWithinTarget ? "" : "over target",
        figures.pathsMissingFromFewest.length ? `no fewest for ${figures.pathsMissingFromFewest.join(", ")}` : "",
      ].filter(Boolean);
      console.log(
        `${slug.padEnd(10)} ${String(figures.requests).padStart(8)} ${String(figures.fewestRequests).padStart(7)}  ${figures.ratio.toFixed(2)}x${notes.length ? `  (${notes.join("; ")})` : ""}`,
      );
    }
  } finally {
    await handle.close();
  }
} finally {
  await proxy.close();
  await sandbox.close();
}
