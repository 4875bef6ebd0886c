import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseEnv } from "@/env";
import { findMissingSecrets } from "@/lib/required-secrets";

const ROOT = path.resolve(__dirname, "../..");

/** Starts the server's start-up hook (src/instrumentation.ts) in its own process, as `next start` does. */
function startServerHook(
  env: { NODE_ENV: "production" } & Record<string, string>,
): Promise<{ code: number | null; output: string }> {
  const script = `import("./src/instrumentation.ts").then((hook) => hook.register()).then(() => process.exit(0));`;
  return new Promise((resolve) => {
    const child = execFile(
      path.join(ROOT, "node_modules/.bin/tsx"),
      ["--eval", script],
      // Only what a deployment would set: nothing inherited from the test run.
      {
        cwd: ROOT,
        env: {
          PATH: process.env.PATH ?? "",
          NEXT_RUNTIME: "nodejs",
          QT_DATA_DIR: path.join(os.tmpdir(), `qt-boot-${process.pid}`),
          ...env,
        },
        timeout: 60_000,
      },
      (_error: unknown, stdout: string, stderr: string) =>
        resolve({ code: child.exitCode, output: `${stdout}${stderr}` }),
    );
  });
}

// Port 9 refuses connections: the check must come before any attempt to reach the database.
const PRODUCTION = { NODE_ENV: "production" as const, DATABASE_URL: "postgres://qt@127.0.0.1:9/qt" };

describe("starting a production deployment on Postgres", () => {
  it("refuses to start without QT_ENCRYPTION_KEY and NEXTAUTH_SECRET, naming both and how to make one", async () => {
    const { code, output } = await startServerHook(PRODUCTION);
    expect(code).toBe(1);
    expect(output).toContain("QT_ENCRYPTION_KEY and NEXTAUTH_SECRET are not set");
    expect(output).toContain("openssl rand -hex 32");
    expect(output).not.toMatch(/ECONNREFUSED|database ready/);
  });

  it("names the one that is missing", async () => {
    const { code, output } = await startServerHook({
      ...PRODUCTION,
      QT_ENCRYPTION_KEY: randomBytes(32).toString("hex"),
    });
    expect(code).toBe(1);
    expect(output).toContain("NEXTAUTH_SECRET is not set");
    expect(output).not.toContain("QT_ENCRYPTION_KEY");
  });

  it("asks for nothing when both are set, or when the app runs embedded or in development", () => {
    const secrets = {
      QT_ENCRYPTION_KEY: randomBytes(32).toString("hex"),
      NEXTAUTH_SECRET: randomBytes(32).toString("hex"),
    };
    expect(findMissingSecrets(parseEnv({ ...PRODUCTION, ...secrets }))).toEqual([]);
    expect(findMissingSecrets(parseEnv({ NODE_ENV: "production" }))).toEqual([]);
    expect(findMissingSecrets(parseEnv({ NODE_ENV: "development", DATABASE_URL: PRODUCTION.DATABASE_URL }))).toEqual(
      [],
    );
  });
});
