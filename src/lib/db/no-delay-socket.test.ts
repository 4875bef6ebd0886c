import net from "node:net";
import type { AddressInfo } from "node:net";
import postgres from "postgres";
import { afterEach, describe, expect, it } from "vitest";
import { getTestServerUrl } from "../../../tests/postgres-url";
import { connectNoDelay } from "./no-delay-socket";

describe("connectNoDelay", () => {
  const closers: Array<() => void> = [];
  afterEach(() => closers.splice(0).forEach((close) => close()));

  it("hands back a socket already connected, as postgres.js's socket option wants", async () => {
    const peers: net.Socket[] = [];
    const server = net.createServer((peer) => peers.push(peer));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    closers.push(() => {
      peers.forEach((peer) => peer.destroy());
      server.close();
    });
    const { port } = server.address() as AddressInfo;

    const socket = await connectNoDelay({ host: ["127.0.0.1"], port: [port] });
    socket.on("error", () => {}); // postgres.js listens from here on
    closers.unshift(() => socket.destroy());
    expect(socket.readyState).toBe("open");
    expect(socket.remotePort).toBe(port);
  });

  it("rejects with the connection error when nothing listens", async () => {
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise((resolve) => server.close(resolve));

    await expect(connectNoDelay({ host: ["127.0.0.1"], port: [port] })).rejects.toMatchObject({
      code: "ECONNREFUSED",
    });
  });

  it("carries postgres.js through start-up, queries and a COPY", async () => {
    const sql = postgres(getTestServerUrl(), { max: 1, onnotice: () => {}, ...({ socket: connectNoDelay } as object) });
    closers.push(() => void sql.end({ timeout: 1 }));
    await sql`create temporary table copied (n int)`;
    for (let slice = 0; slice < 3; slice++) {
      const writable = await sql`copy copied (n) from stdin`.writable();
      await new Promise<void>((resolve, reject) =>
        writable.end(`${slice}\n${slice + 10}\n`, () => resolve()).on("error", reject),
      );
    }
    const [row] = await sql<
      { count: number; total: number }[]
    >`select count(*)::int as count, sum(n)::int as total from copied`;
    expect(row).toEqual({ count: 6, total: 3 + 30 + 3 });
  });
});
