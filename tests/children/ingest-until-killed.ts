// Run as a child process by ingest-crash.test.ts: ingests a large body into the database it is
// given, slowly (small writes), so the test can kill it with SIGKILL half-way.
import { openPostgres } from "@/lib/db/client";
import { ingestBody } from "@/lib/ingest/ingest";
import { manyHeartRatesBody } from "../fixtures/many-heart-rates";

const [url, userId, points] = process.argv.slice(2);
const handle = await openPostgres(url!, { max: 2 });
const body = Buffer.from(JSON.stringify(manyHeartRatesBody(Number(points))));
await ingestBody(handle.db, {
  userId: userId!,
  apiKeyId: null,
  contentType: "application/json",
  body,
  options: { samplesPerWrite: 20, bytesPerStep: 1024 },
});
await handle.close();
console.log("finished");
