import { once } from "node:events";
import net from "node:net";

/** What postgres.js hands a socket factory: its parsed connection options. */
interface SocketTarget {
  host: string[];
  port: number[];
  path?: string | false;
}

/**
 * A connected socket with Nagle's algorithm off, for postgres.js's `socket` option. Its own
 * sockets keep Nagle on, so the five-byte CopyDone that ends each COPY waits for Postgres's
 * delayed ACK of the data before it (about 40 ms on Linux): ingest's one COPY per slice spent
 * as long waiting as copying. postgres.js connects a socket of its own; a given one must arrive
 * connected (it goes on with TLS and the start-up message). One host: the app has one URL.
 */
export async function connectNoDelay(target: SocketTarget): Promise<net.Socket> {
  const socket = target.path ? net.connect(target.path) : net.connect(target.port[0]!, target.host[0]!);
  socket.setNoDelay(true);
  await once(socket, "connect");
  return socket;
}
