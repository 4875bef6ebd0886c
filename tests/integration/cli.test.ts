import { spawn } from "node:child_process";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { asc, desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from "vitest";
import { openPostgres, type DatabaseHandle } from "@/lib/db/client";
import { activities, forwardingRules, providerConnections } from "@/lib/db/schema";
import { DiskFileStore } from "@/lib/files/disk-store";
import { addForwardingRule, addSourceActivity, connectStravaPair, sourceActivityFile } from "../forwarding-driver";
import { setUpSandboxServer } from "../sandbox-for-tests";
import { connectSandboxAccount } from "../sync-driver";

const ROOT = path.resolve(__dirname, "../..");
const sandbox = setUpSandboxServer();
const uploadsSent = () => sandbox.state.countCalls({ provider: "strava", method: "POST", path: "/api/v3/uploads" });

// The CLI as cron runs it: its own process, no terminal, on the run's Postgres database (a PGlite
// directory would be locked by one process), the sandbox over real HTTP, a HOME of its own.
let handle: DatabaseHandle;
let home: string;
let storeRoot: string;
let store: DiskFileStore;
beforeAll(async () => {
  handle = await openPostgres(inject("postgresUrl"), { max: 4 });
  storeRoot = await fs.mkdtemp(path.join(os.tmpdir(), "qt-cli-files-"));
  store = new DiskFileStore(storeRoot);
});
afterAll(async () => {
  await handle?.close();
  await fs.rm(storeRoot, { recursive: true, force: true });
});
beforeEach(async () => {
  home = await fs.mkdtemp(path.join(os.tmpdir(), "qt-cli-home-"));
  return () => fs.rm(home, { recursive: true, force: true });
});

function qt(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "src/cli/main.ts"), ...args], {
      cwd: ROOT,
      env: {
        ...process.env,
        DATABASE_URL: inject("postgresUrl"),
        HOME: home,
        QT_CLI_CWD: home,
        PROVIDER_BASE_URL: sandbox.url,
        QT_FILES_DIR: storeRoot,
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("exit", (code) => resolve({ code, stdout, stderr }));
  });
}

async function writeConfig(config: unknown, mode = 0o600) {
  const file = path.join(home, ".qt", "config.json");
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.writeFile(file, JSON.stringify(config));
  await fs.chmod(file, mode);
  return file;
}

/** A Strava account with its synthetic activities synced, and an empty second one of the same person. */
async function setUpAccounts(account: string) {
  const { user, destination, source } = await connectStravaPair(handle.db, account, `${account}-src`);
  const config = {
    accounts: [
      { name: "strava-main", user: user.email!, provider: "strava", connection_id: destination.id },
      { name: "strava-src", user: user.email!, provider: "strava", connection_id: source.id },
    ],
  };
  return { user, destination, source, config };
}

describe("qt, the command line [postgres]", { timeout: 120_000 }, () => {
  it("exits 2 with a message for bad usage, before touching anything", async () => {
    const unknown = await qt(["frobnicate"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown command "frobnicate"');

    await writeConfig({ accounts: [] });
    const missing = await qt(["list"]);
    expect(missing).toMatchObject({ code: 2, stdout: "" });
    expect(missing.stderr).toContain("list needs --account NAME");

    const badOption = await qt(["list", "--account", "a", "--limit", "lots"]);
    expect(badOption.code).toBe(2);
    expect(badOption.stderr).toContain("--limit must be a whole number");

    const unknownOption = await qt(["sync", "--bogus"]);
    expect(unknownOption.code).toBe(2);
    expect(unknownOption.stderr).toContain("Unknown option '--bogus'");

    const help = await qt(["download", "--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("--output-dir");
  });

  it("refuses a config file others can read, saying how to fix it", async () => {
    const file = await writeConfig({ accounts: [{ name: "a", user: "a@example.test", provider: "strava" }] }, 0o644);
    const result = await qt(["list", "--account", "a"]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain(`chmod 600 ${file}`);

    const invalid = await qt(["--config", await writeConfig({ accounts: [{ name: "a" }] }), "list", "--account", "a"]);
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toContain("accounts.0.user");
  });

  it("lists an account's activities as a numbered table and as JSON, newest first", async () => {
    const { destination, config } = await setUpAccounts("bulk-5");
    await writeConfig(config);
    const newest = await handle.db
      .select()
      .from(activities)
      .where(eq(activities.connectionId, destination.id))
      .orderBy(desc(activities.startAt), desc(activities.id))
      .limit(3);

    const table = await qt(["list", "--account", "strava-main", "--limit", "3"]);
    expect(table.code, table.stderr).toBe(0);
    const lines = table.stdout.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^\s*#\s+date\s+type\s+name\s+duration\s+distance\s+file$/);
    expect(lines).toHaveLength(2 + 3);
    lines.slice(2).forEach((line, index) => {
      expect(line).toMatch(new RegExp(`^${index + 1}\\s+${newest[index]!.startAt.toISOString().slice(0, 10)}`));
      expect(line).toContain(newest[index]!.name!);
    });

    const json = await qt(["list", "--account", "strava-main", "--limit", "3", "--json"]);
    expect(json.code).toBe(0);
    const parsed = JSON.parse(json.stdout) as { activities: Array<{ index: number; id: string }> };
    expect(parsed.activities.map((row) => [row.index, row.id])).toEqual(
      newest.map((row, index) => [index + 1, row.id]),
    );

    const none = await qt(["list", "--account", "strava-src", "--json"]);
    expect(none.code).toBe(0);
    expect(JSON.parse(none.stdout)).toEqual({ account: "strava-src", activities: [] });
  });

  it("downloads the original by list number, and a generated FIT where none is kept, named by type and date", async () => {
    const { source, destination, config } = await setUpAccounts("bulk-2");
    await writeConfig(config);
    await addSourceActivity(handle.db, store, source, new Date("2021-05-01T07:00:00Z"), 1800);
    await addSourceActivity(handle.db, store, source, new Date("2021-05-02T07:00:00Z"), 2400);
    const bytes = sourceActivityFile(new Date("2021-05-02T07:00:00Z"), 2400);

    expect((await qt(["list", "--account", "strava-src"])).code).toBe(0);
    const byIndex = await qt(["download", "--account", "strava-src", "--index", "1", "--output-dir", "out"]);
    expect(byIndex.code, byIndex.stderr).toBe(0);
    const written = path.join(home, "out", "run-2021-05-02-forwarded-run.fit");
    expect(byIndex.stdout.trim()).toBe(written);
    expect(new Uint8Array(await fs.readFile(written))).toEqual(bytes);

    const [synced] = await handle.db
      .select()
      .from(activities)
      .where(eq(activities.connectionId, destination.id))
      .orderBy(asc(activities.startAt))
      .limit(1);
    const byId = await qt(["download", "--account", "strava-main", "--id", synced!.externalId, "--json"]);
    expect(byId.code, byId.stderr).toBe(0);
    const result = JSON.parse(byId.stdout) as { path: string; generated: boolean };
    expect(result.generated).toBe(true);
    expect(path.basename(result.path)).toMatch(
      new RegExp(`^${synced!.type.replaceAll("_", "-")}-\\d{4}-\\d{2}-\\d{2}-.+-generated\\.fit$`),
    );
    expect((await fs.stat(result.path)).size).toBeGreaterThan(0);

    const missing = await qt(["download", "--account", "strava-src", "--index", "9"]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("no activity number 9");
  });

  it("syncs by the config's rule: the dry run's plan, then the uploads, then nothing twice", async () => {
    const { user, source, destination, config } = await setUpAccounts("bulk-3");
    await writeConfig({ ...config, sync_rules: [{ source: "strava-src", destination: "strava-main" }] });
    const [copy] = await handle.db
      .select()
      .from(activities)
      .where(eq(activities.connectionId, destination.id))
      .orderBy(asc(activities.startAt))
      .limit(1);
    await addSourceActivity(handle.db, store, source, new Date(copy!.startAt.getTime() + 20_000), copy!.durationS!);
    await addSourceActivity(handle.db, store, source, new Date("2021-05-01T07:00:00Z"), 1800);
    await addSourceActivity(handle.db, store, source, new Date("2021-05-02T07:00:00Z"), 2400);

    const dryRun = await qt(["sync", "--dry-run", "--json"]);
    expect(dryRun.code, dryRun.stderr).toBe(0);
    const plan = JSON.parse(dryRun.stdout) as { dryRun: boolean; rules: Array<{ items: Array<{ action: string }> }> };
    expect(plan.dryRun).toBe(true);
    expect(plan.rules[0]!.items.map((item) => item.action)).toEqual(["upload", "upload", "skip_existing"]);
    expect(uploadsSent()).toBe(0);

    const run = await qt(["sync"]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain("strava-src -> strava-main");
    expect(run.stdout).toContain("2 uploaded, 1 skipped existing.");
    expect(uploadsSent()).toBe(2);
    expect(sandbox.state.uploadedActivities).toHaveLength(2);

    const again = await qt(["sync", "--json"]);
    expect(again.code).toBe(0);
    const ran = JSON.parse(again.stdout) as { rules: Array<{ items: Array<{ action: string }> }> };
    expect(ran.rules[0]!.items.map((item) => item.action)).toEqual(["already_done", "already_done", "already_done"]);
    expect(uploadsSent()).toBe(2);

    // The config's rule is kept for the log, switched off so the app's own runs leave it to the CLI.
    const stored = await handle.db.select().from(forwardingRules).where(eq(forwardingRules.userId, user.id));
    expect(stored).toMatchObject([
      { sourceConnectionId: source.id, destinationConnectionId: destination.id, isEnabled: false },
    ]);
  });

  it("runs the rules saved in the app when the config has none, narrowed by the options", async () => {
    const { user, source, destination, config } = await setUpAccounts("bulk-1");
    await writeConfig(config);
    await addForwardingRule(handle.db, user.id, source.id, destination.id);
    await addSourceActivity(handle.db, store, source, new Date("2021-05-01T07:00:00Z"), 1800);
    const actions = async (args: string[]) => {
      const result = await qt(["sync", "--dry-run", "--json", ...args]);
      expect(result.code, result.stderr).toBe(0);
      const plan = JSON.parse(result.stdout) as { rules: Array<{ source: string; items: Array<{ action: string }> }> };
      return plan.rules.map((rule) => [rule.source, rule.items.map((item) => item.action)]);
    };
    expect(await actions([])).toEqual([["strava-src", ["upload"]]]);
    expect(await actions(["--activity-type", "run"])).toEqual([["strava-src", ["upload"]]]);
    expect(await actions(["--activity-type", "ride,swim"])).toEqual([["strava-src", []]]);
    expect(await actions(["--start-date", "2021-05-02"])).toEqual([["strava-src", []]]);
    expect(uploadsSent()).toBe(0);
  });
});

describe("qt auth and clear-cache [postgres]", { timeout: 120_000 }, () => {
  it("links a password account unattended, finishing its emailed code in a second run, and refreshes one already linked", async () => {
    const { user, config } = await setUpAccounts("athlete");
    const garmin = {
      name: "garmin",
      user: user.email!,
      provider: "garmin_connect",
      username: "mfa-ada",
      password_env: "QT_TEST_GARMIN",
    };
    process.env.QT_TEST_GARMIN = "correct horse battery staple";
    try {
      await writeConfig({ accounts: [...config.accounts, garmin] });
      // No terminal to type the code on: the sign-in waits in the cache for `--code`.
      const asked = await qt(["auth", "--account", "garmin"]);
      expect(asked.code).toBe(1);
      expect(asked.stderr).toContain("qt auth --account garmin --code CODE");
      const wrong = await qt(["auth", "--account", "garmin", "--code", "000000"]);
      expect(wrong.code).toBe(1);
      const right = await qt(["auth", "--account", "garmin", "--code", "123456", "--json"]);
      expect(right.code, right.stderr).toBe(0);
      expect(JSON.parse(right.stdout)).toMatchObject({ accounts: [{ account: "garmin", state: "linked" }] });
      const connections = await handle.db
        .select()
        .from(providerConnections)
        .where(eq(providerConnections.userId, user.id));
      expect(connections.map((connection) => connection.provider).sort()).toEqual([
        "garmin_connect",
        "strava",
        "strava",
      ]);

      const all = await qt(["auth"]);
      expect(all.code, all.stderr).toBe(0);
      expect(all.stdout).toMatch(/^strava-main: linked \(Strava\), tokens valid until /m);
      expect(all.stdout).toMatch(/^garmin: linked \(Garmin Connect\)/m);
    } finally {
      delete process.env.QT_TEST_GARMIN;
    }
  });

  it("points an OAuth account that is not linked yet to the web page, and fails", async () => {
    const { user } = await connectSandboxAccount(handle.db, "strava", "athlete");
    await writeConfig({ accounts: [{ name: "oura", user: user.email!, provider: "oura" }] });
    const result = await qt(["auth"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("/dashboard/settings");
  });

  it("clears the cache, or only its sign-ins", async () => {
    await writeConfig({ accounts: [] });
    for (const part of ["auth", "lists"]) {
      await fs.mkdir(path.join(home, ".qt", "cache", part), { recursive: true });
      await fs.writeFile(path.join(home, ".qt", "cache", part, "a.json"), "{}");
    }
    const authOnly = await qt(["clear-cache", "--auth-only", "--json"]);
    expect(authOnly.code).toBe(0);
    expect(JSON.parse(authOnly.stdout)).toMatchObject({ authOnly: true, removed: 1 });
    await expect(fs.readdir(path.join(home, ".qt", "cache"))).resolves.toEqual(["lists"]);
    const everything = await qt(["clear-cache"]);
    expect(everything.code).toBe(0);
    expect(everything.stdout).toContain("Cleared 1 cached entry");
    await expect(fs.readdir(path.join(home, ".qt", "cache"))).resolves.toEqual([]);
  });
});
