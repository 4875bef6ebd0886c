import { afterAll, beforeAll, beforeEach } from "vitest";
import { startSandboxServer, type SandboxServer } from "./sandbox-server";

/**
 * Starts the simulators for the test file (beforeAll), stops them (afterAll) and, unless told
 * otherwise, forgets their state before each test. Read `state` and `url` inside tests.
 */
export function setUpSandboxServer(options: { resetEachTest?: boolean } = {}) {
  let server: SandboxServer | undefined;
  beforeAll(async () => {
    server = await startSandboxServer();
  });
  afterAll(async () => {
    await server?.close();
  });
  if (options.resetEachTest ?? true) beforeEach(() => server?.reset());
  const started = () => {
    if (!server) throw new Error("the sandbox server starts in beforeAll");
    return server;
  };
  return {
    get url() {
      return started().url;
    },
    get state() {
      return started().state;
    },
    reset: () => started().reset(),
  };
}
