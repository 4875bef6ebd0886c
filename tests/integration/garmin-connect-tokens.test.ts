import { eq } from "drizzle-orm";
import { afterEach, beforeEach, expect, it, vi } from "vitest";
import { openTokens } from "@/lib/connections/credentials";
import { providerConnections } from "@/lib/db/schema";
import { describeEachDatabase } from "../databases";
import { setUpCredentialApi } from "../credential-api-server";
import { garthTokenFiles } from "../garth-driver";
import { setUpSandboxServer } from "../sandbox-for-tests";
import { setUpBackfillDays, syncNow } from "../sync-driver";
import { garminConnect, garminConnectChina } from "@/lib/providers/garmin-connect";

const sandbox = setUpSandboxServer();
for (const provider of [garminConnect, garminConnectChina]) setUpBackfillDays(provider.sync!, 5);
const PASSWORD = "correct horse battery staple 7f3a";

function multipart(files: Record<string, unknown>, fields: Record<string, string> = {}) {
  const form = new FormData();
  for (const [name, content] of Object.entries(files))
    form.append(name.replace(".json", ""), new Blob([JSON.stringify(content)], { type: "application/json" }), name);
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  return form;
}

describeEachDatabase("Garmin token files and what never leaks", (database) => {
  const api = setUpCredentialApi(database);
  const connectionsOf = (userId: string) =>
    database.db.select().from(providerConnections).where(eq(providerConnections.userId, userId));
  const logins = () => sandbox.state.countCalls({ path: "/mobile/api/login" });

  it("links an account from garth's two files without signing in from this server", async () => {
    const files = await garthTokenFiles(sandbox.url, { username: "ada", password: PASSWORD });
    const { user, post } = await api.signUp();
    const before = logins();
    const reply = await post("/api/garmin/tokens", multipart(files));
    expect(reply.status).toBe(200);
    expect(reply.json).toEqual({ message: "Garmin account linked successfully." });
    expect(logins()).toBe(before);
    const [connection] = await connectionsOf(user.id);
    expect(connection).toMatchObject({ provider: "garmin_connect", authKind: "credentials", encryptedLogin: null });
    expect(openTokens(connection!).accessToken).toBe(files["oauth2_token.json"].access_token);
    expect((await syncNow(database.db, connection!)).status).toBe("succeeded");
    expect(logins()).toBe(before);
  });

  it("renews an OAuth 2.0 file past its day with the OAuth 1.0a file, and reads the region from it", async () => {
    const files = await garthTokenFiles(sandbox.url, {
      username: "li.wei",
      password: PASSWORD,
      domain: "garmin.cn",
      expiredOAuth2: true,
    });
    const { user, post } = await api.signUp();
    const exchanges = sandbox.state.countCalls({ path: "/oauth-service/oauth/exchange/user/2.0" });
    const reply = await post("/api/garmin/tokens", { files });
    expect(reply.status).toBe(200);
    expect(sandbox.state.countCalls({ path: "/oauth-service/oauth/exchange/user/2.0" })).toBe(exchanges + 1);
    const [connection] = await connectionsOf(user.id);
    expect(connection!.provider).toBe("garmin_connect_cn");
    expect(openTokens(connection!).accessToken).not.toBe(files["oauth2_token.json"].access_token);
  });

  it("names the file and field Garmin's files lack, and refuses tokens Garmin does not know", async () => {
    const files = await garthTokenFiles(sandbox.url, { username: "ada", password: PASSWORD });
    const { post } = await api.signUp();
    const broken = await post("/api/garmin/tokens", {
      files: { ...files, "oauth2_token.json": { ...files["oauth2_token.json"], access_token: undefined } },
    });
    expect(broken.status).toBe(400);
    expect(broken.json!.detail).toMatch(/^files\.oauth2_token\.json: access_token: /);
    const missing = await post("/api/garmin/tokens", multipart({ "oauth1_token.json": files["oauth1_token.json"] }));
    expect(missing.status).toBe(400);
    expect(missing.json!.detail).toBe("files: oauth2_token.json is missing.");
    const forged = await post("/api/garmin/tokens", {
      files: { ...files, "oauth2_token.json": { ...files["oauth2_token.json"], access_token: "made-up" } },
    });
    expect(forged.status).toBe(400);
    expect(forged.json!.detail).toMatch(/does not accept/);
  });

  {
    let output: string[] = [];
    beforeEach(() => {
      output = [];
      for (const method of ["log", "info", "warn", "error", "debug"] as const)
        vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
          output.push(
            args
              .map((arg) =>
                arg instanceof Error
                  ? `${arg.message} ${arg.stack}`
                  : typeof arg === "string"
                    ? arg
                    : JSON.stringify(arg),
              )
              .join(" "),
          );
        });
    });
    afterEach(() => vi.restoreAllMocks());

    it("never writes a password, a ticket or a token to the log or into a reply", async () => {
      const { user, post } = await api.signUp();
      const replies = [
        await post("/api/garmin/login", { username: "ada", password: PASSWORD, autoSignIn: true }),
        await post("/api/garmin/login", { username: "grace", password: `wrong ${PASSWORD}` }),
        await post("/api/garmin/login", { username: "blocked-ada", password: PASSWORD }),
        await post("/api/garmin/login", { username: "mfa-ada", password: PASSWORD }),
        await post("/api/garmin/login", { username: "ada", password: PASSWORD, region: "nowhere" }),
      ];
      // Renewing fails until the job gives up: the failure is logged, with what it was doing.
      sandbox.state.faults.push({
        host: "connectapi.garmin.com",
        pathIncludes: "/exchange/",
        kind: "server_error",
        times: 100,
      });
      const [connection] = await connectionsOf(user.id);
      sandbox.state.expireAccessTokens("garmin_connect", "ada");
      const failed = await syncNow(database.db, connection!, { maxAttempts: 4 });
      expect(failed.status).toBe("failed");
      expect(output.join("\n")).toMatch(/token exchange answered HTTP 500/);
      const tokens = openTokens((await connectionsOf(user.id))[0]!);
      const secrets = [
        PASSWORD,
        tokens.accessToken,
        tokens.refreshToken!,
        tokens.extra!.oauth1Token!,
        tokens.extra!.oauth1Secret!,
        ...[...sandbox.state.accessTokens.keys()],
      ];
      const everything = [...output, ...replies.map((reply) => reply.text)].join("\n");
      for (const secret of secrets) expect(everything).not.toContain(secret);
      expect(everything).not.toMatch(/ST-\d+-/);
      expect(replies.map((reply) => reply.status)).toEqual([200, 401, 503, 202, 400]);
    });
  }
});
