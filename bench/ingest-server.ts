// The ingest path alone behind a bare HTTP server, in its own process so the benchmark can
// read that process's peak memory. Started by ingest.bench.ts; not a benchmark itself.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { openPostgres } from "../src/lib/db/client";
import { users } from "../src/lib/db/schema";
import { ingestReceived } from "../src/lib/ingest/ingest";
import { receiveBody } from "../src/lib/ingest/receive-body";

const handle = await openPostgres(process.env.BENCH_DATABASE_URL!);
const [user] = await handle.db
  .insert(users)
  .values({ email: `ingest-bench-${process.pid}@example.test` })
  .returning();

const server = http.createServer(async (incoming, outgoing) => {
  try {
    const request = new Request("http://bench/ingest", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: incoming as never,
      duplex: "half",
    } as RequestInit);
    const received = await receiveBody(request, 256 * 1024 * 1024);
    const outcome = await ingestReceived(handle.db, {
      userId: user!.id,
      apiKeyId: null,
      contentType: "application/json",
      received,
    });
    outgoing.writeHead(200, { "content-type": "application/json" });
    outgoing.end(JSON.stringify(outcome.counts));
  } catch (error) {
    outgoing.writeHead(500);
    outgoing.end(String(error));
  }
});
server.listen(0, "127.0.0.1", () => console.log(`READY ${(server.address() as AddressInfo).port}`));
process.on("SIGTERM", () => void handle.close().finally(() => process.exit(0)));
