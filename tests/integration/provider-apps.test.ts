import { randomBytes } from "node:crypto";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { eq } from "drizzle-orm";
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { ProviderAppCard } from "@/app/dashboard/settings/providers/ProviderAppCard";
import { completeConnection, startConnection } from "@/lib/connections/connect";
import { openTokens, sealTokens } from "@/lib/connections/credentials";
import { refreshIfDue } from "@/lib/connections/refresh";
import { decryptSecret } from "@/lib/crypto/encryption";
import { updateConnectionCredentials } from "@/lib/db/queries/connections";
import { providerApps, syncJobs } from "@/lib/db/schema";
import { PROVIDERS } from "@/lib/providers";
import { resolveClientCredentials } from "@/lib/providers/client-credentials";
import { checkProviderCredentials } from "@/lib/provider-apps/check-credentials";
import { checkConnectionToken } from "@/lib/provider-apps/check-token";
import { removeProviderAppCredentials, saveProviderAppCredentials } from "@/lib/provider-apps/save";
import { listProviderAppViews } from "@/lib/provider-apps/settings";
import { handleProviderWebhook } from "@/lib/webhooks/handle-webhook";
import { describeEachDatabase } from "../databases";
import { createTestUser } from "../factories";
import { APP_ORIGIN, authorizeAtProvider } from "../oauth-driver";
import { setUpSandboxServer } from "../sandbox-for-tests";
import { serveWebhooks } from "../webhook-server";

// Provider apps saved from the UI, end to end against the simulators (PROVIDER_BASE_URL): the
// saved client is what every provider call uses, the environment still wins, and the checks
// on the page tell right from wrong as the providers answer.

const sandbox = setUpSandboxServer();
const ADMIN_EMAIL = "admin@provider-apps.test";

beforeEach(() => vi.stubEnv("QT_ADMIN_EMAILS", ADMIN_EMAIL));
afterEach(() => vi.unstubAllEnvs());

/** A client "registered in the provider's developer portal", as an admin would copy it. */
function portalClient(slug: string) {
  const client = {
    clientId: `portal-${slug}-${randomBytes(4).toString("hex")}`,
    clientSecret: `portal-secret-${randomBytes(12).toString("hex")}-4f2`,
  };
  sandbox.state.registerClient(slug, client);
  return client;
}

// provider_apps is app-wide: on a database shared with other test files a saved client would
// reach their connections too, so this file gets its own.
describeEachDatabase(
  "provider apps set up from the UI",
  (database) => {
    let adminUser: Awaited<ReturnType<typeof createTestUser>>;
    beforeAll(async () => {
      adminUser = await createTestUser(database.db, { email: ADMIN_EMAIL });
    });
    const admin = async () => adminUser;
    const save = async (slug: string, client: { clientId: string; clientSecret?: string }) =>
      saveProviderAppCredentials(database.db, { actor: adminUser, input: { provider: slug, ...client } });
    // The row as stored, column for column.
    const rawRow = async (slug: string) =>
      (await database.db.select().from(providerApps).where(eq(providerApps.provider, slug)))[0]!;

    afterEach(async () => {
      await database.db.delete(providerApps);
    });

    it("stores the secret encrypted, and the page shows at most its last three characters", async () => {
      const client = portalClient("strava");
      expect(await save("strava", client)).toEqual({ ok: true });

      const row = await rawRow("strava");
      expect(row).toMatchObject({ clientId: client.clientId, updatedBy: adminUser.id });
      expect(row.encryptedClientSecret).toMatch(/^v1\./);
      expect(JSON.stringify(row)).not.toContain(client.clientSecret);
      expect(decryptSecret(row.encryptedClientSecret)).toBe(client.clientSecret);

      const views = await listProviderAppViews(database.db, { actor: await admin(), origin: APP_ORIGIN });
      const strava = views.find((view) => view.provider.slug === "strava")!;
      expect(strava.client).toMatchObject({ source: "database", clientId: client.clientId, secretHint: "…4f2" });
      expect(strava.mode).toBe("simulator");
      expect(strava.redirectUri).toBe(`${APP_ORIGIN}/api/oauth/callback`);
      expect(JSON.stringify(views)).not.toContain(client.clientSecret);
      expect(views.map((view) => view.provider.slug)).toEqual(PROVIDERS.map((provider) => provider.slug));

      // What reaches the browser: the id, the hint and the redirect URI to copy; never the secret.
      const page = renderToStaticMarkup(createElement(ProviderAppCard, { view: strava }));
      expect(page).toContain(`value="${client.clientId}"`);
      expect(page).toContain("Saved · ends in …4f2");
      expect(page).toContain(`${APP_ORIGIN}/api/oauth/callback`);
      expect(page).toContain("Copy URI");
      expect(page).not.toContain(client.clientSecret);

      // Where the check cannot tell, the page says so before anyone presses it.
      const coros = renderToStaticMarkup(
        createElement(ProviderAppCard, { view: views.find((view) => view.provider.slug === "coros")! }),
      );
      expect(coros).toContain("This check cannot tell a wrong secret from a right one for this provider.");
    });

    it("keeps the saved secret when the field is left empty, and names a missing or malformed field", async () => {
      const client = portalClient("oura");
      expect(await save("oura", { clientId: "first-id", clientSecret: "" })).toEqual({
        ok: false,
        fieldErrors: { clientSecret: "Enter the client secret." },
      });
      expect(await save("oura", client)).toEqual({ ok: true });
      expect(await save("oura", { clientId: " ", clientSecret: "two words" })).toEqual({
        ok: false,
        fieldErrors: { clientId: "Enter the client id.", clientSecret: expect.stringContaining("space") },
      });
      expect(await save("nope", client)).toMatchObject({ ok: false, fieldErrors: { provider: "Unknown provider." } });

      const renamed = `${client.clientId}-renamed`;
      expect(await save("oura", { clientId: renamed, clientSecret: "" })).toEqual({ ok: true });
      expect(await resolveClientCredentials(database.db, "oura")).toMatchObject({
        source: "database",
        credentials: { clientId: renamed, clientSecret: client.clientSecret },
      });
      // Three characters of a short secret would give too much of it away: no hint then.
      expect(await save("oura", { clientId: renamed, clientSecret: "short-4f2" })).toEqual({ ok: true });
      const views = await listProviderAppViews(database.db, { actor: adminUser, origin: APP_ORIGIN });
      const oura = views.find((view) => view.provider.slug === "oura")!;
      expect(oura.client).toMatchObject({ source: "database", secretHint: undefined });
      expect(renderToStaticMarkup(createElement(ProviderAppCard, { view: oura }))).not.toContain("4f2");

      await removeProviderAppCredentials(database.db, { actor: await admin(), provider: "oura" });
      expect(await resolveClientCredentials(database.db, "oura")).toEqual({ source: "none" });
    });

    it("connects and refreshes through the saved app: the provider sees its client id and secret", async () => {
      const user = await admin();
      const client = portalClient("whoop");
      await save("whoop", client);

      const { redirectUrl } = await startConnection(database.db, {
        userId: user.id,
        provider: "whoop",
        origin: APP_ORIGIN,
      });
      expect(new URL(redirectUrl).searchParams.get("client_id")).toBe(client.clientId);
      const query = await authorizeAtProvider(database.db, { userId: user.id, provider: "whoop", account: "saved" });
      const { connection } = await completeConnection(database.db, { userId: user.id, query, origin: APP_ORIGIN });
      const tokens = openTokens(connection);
      expect(sandbox.state.accessTokens.get(tokens.accessToken)?.clientId).toBe(client.clientId);

      // Due for a refresh: it goes through the same saved client.
      await updateConnectionCredentials(database.db, {
        connectionId: connection.id,
        encryptedCredentials: sealTokens({
          ...tokens,
          expiresAt: new Date(Date.now() - 1000),
        }),
        expiresAt: new Date(Date.now() - 1000),
        scopes: tokens.scopes,
      });
      const refreshed = await refreshIfDue(database.db, connection, { appUrl: APP_ORIGIN });
      expect(refreshed.accessToken).not.toBe(tokens.accessToken);
      expect(sandbox.state.accessTokens.get(refreshed.accessToken)?.clientId).toBe(client.clientId);
    });

    it("does not fall back to the sandbox client once a saved one is refused", async () => {
      const user = await admin();
      // Saved here but never registered at the provider: the provider does not know it.
      await save("oura", { clientId: "typo-client-id", clientSecret: "typo-client-secret-123" });
      const { redirectUrl } = await startConnection(database.db, {
        userId: user.id,
        provider: "oura",
        origin: APP_ORIGIN,
      });
      const consent = await fetch(redirectUrl);
      expect(consent.status).toBe(400);
      expect(await consent.text()).toContain("unknown client_id");
    });

    it("lets the environment win over the database for that provider only", async () => {
      const user = await admin();
      const saved = portalClient("strava");
      const pinned = portalClient("strava");
      await save("strava", saved);
      vi.stubEnv("STRAVA_CLIENT_ID", pinned.clientId);
      vi.stubEnv("STRAVA_CLIENT_SECRET", pinned.clientSecret);

      expect(await resolveClientCredentials(database.db, "strava")).toMatchObject({
        source: "env",
        credentials: pinned,
        envNames: { clientId: "STRAVA_CLIENT_ID", clientSecret: "STRAVA_CLIENT_SECRET" },
      });
      const { redirectUrl } = await startConnection(database.db, {
        userId: user.id,
        provider: "strava",
        origin: APP_ORIGIN,
      });
      expect(new URL(redirectUrl).searchParams.get("client_id")).toBe(pinned.clientId);

      const views = await listProviderAppViews(database.db, { actor: user, origin: APP_ORIGIN });
      expect(views.find((view) => view.provider.slug === "strava")!.client).toEqual({
        source: "env",
        clientId: pinned.clientId,
      });
      expect(views.find((view) => view.provider.slug === "oura")!.client).toEqual({ source: "none" });
      const page = renderToStaticMarkup(
        createElement(ProviderAppCard, { view: views.find((view) => view.provider.slug === "strava")! }),
      );
      expect(page).toContain("Set by the environment: <code>STRAVA_CLIENT_ID</code>");
      expect(page).toContain("Set by the environment: <code>STRAVA_CLIENT_SECRET</code>");
      expect(page).not.toContain('name="clientSecret"');
      expect(page).not.toContain(pinned.clientSecret);
      expect(page).not.toContain(saved.clientSecret);
      await expect(save("strava", saved)).rejects.toMatchObject({ code: "CONFLICT" });
      await expect(
        removeProviderAppCredentials(database.db, { actor: user, provider: "strava" }),
      ).rejects.toMatchObject({ code: "CONFLICT" });
    });

    describe("Test credentials", () => {
      for (const provider of PROVIDERS) {
        const canTell = provider.oauth.credentialCheck.verdict !== "none";
        it(`${canTell ? "tells a wrong secret from a right one" : "says it cannot tell"} for ${provider.name}`, async () => {
          const actor = await admin();
          const check = () =>
            checkProviderCredentials(database.db, { actor, provider: provider.slug, origin: APP_ORIGIN });
          const client = portalClient(provider.slug);

          await save(provider.slug, client);
          const right = await check();
          await save(provider.slug, { clientId: client.clientId, clientSecret: `${client.clientSecret}-wrong` });
          const wrong = await check();
          await save(provider.slug, { clientId: "never-registered", clientSecret: client.clientSecret });
          const unknownId = await check();

          if (canTell) {
            expect(right).toMatchObject({ verdict: "accepted", mode: "simulator" });
            expect(wrong).toMatchObject({ verdict: "rejected" });
            expect(unknownId).toMatchObject({ verdict: "rejected" });
          } else {
            for (const result of [right, wrong, unknownId]) {
              expect(result.verdict).toBe("unknown");
              expect(result.message).toContain("cannot tell");
            }
          }
          expect(JSON.stringify([right, wrong, unknownId])).not.toContain(client.clientSecret);
        });
      }

      it("checks the sandbox's own client when nothing is saved, and says where it went", async () => {
        const result = await checkProviderCredentials(database.db, {
          actor: await admin(),
          provider: "fitbit",
          origin: APP_ORIGIN,
        });
        expect(result).toMatchObject({ verdict: "accepted", mode: "simulator" });
        expect(result.message).toContain("simulator");
      });
    });

    describe("Test current token", () => {
      it("reads the profile of the admin's connected account, and reports a revoked one", async () => {
        const user = await admin();
        const client = portalClient("strava");
        await save("strava", client);
        const query = await authorizeAtProvider(database.db, {
          userId: user.id,
          provider: "strava",
          account: "tester",
        });
        const { connection } = await completeConnection(database.db, { userId: user.id, query, origin: APP_ORIGIN });

        const check = () =>
          checkConnectionToken(database.db, { actor: user, connectionId: connection.id, origin: APP_ORIGIN });
        expect(await check()).toMatchObject({
          ok: true,
          externalUserId: connection.externalUserId,
          isSameAccount: true,
          message: expect.stringContaining("The token works"),
        });

        sandbox.state.revokeAccount("strava", "tester");
        expect(await check()).toMatchObject({ ok: false, message: expect.stringContaining("401") });
      });

      it("never reads another person's connection", async () => {
        const other = await createTestUser(database.db);
        const query = await authorizeAtProvider(database.db, { userId: other.id, provider: "oura" });
        const { connection } = await completeConnection(database.db, { userId: other.id, query, origin: APP_ORIGIN });
        await expect(
          checkConnectionToken(database.db, { actor: await admin(), connectionId: connection.id, origin: APP_ORIGIN }),
        ).rejects.toMatchObject({ code: "NOT_FOUND" });
      });
    });

    describe("pushes are checked against the saved client", () => {
      for (const slug of ["garmin", "whoop"]) {
        it(`${slug}: a push naming or signed by the saved client is taken, another client's is refused`, async () => {
          const user = await admin();
          const client = portalClient(slug);
          await save(slug, client);
          const account = `push-${randomBytes(3).toString("hex")}`;
          const query = await authorizeAtProvider(database.db, { userId: user.id, provider: slug, account });
          const { connection } = await completeConnection(database.db, { userId: user.id, query, origin: APP_ORIGIN });
          await database.db.delete(syncJobs).where(eq(syncJobs.connectionId, connection.id));

          const app = await serveWebhooks((path, request) =>
            handleProviderWebhook(database.db, path, request, APP_ORIGIN),
          );
          try {
            const send = async (clientId?: string) => {
              const params = new URLSearchParams({ account, target: `${app.url}/${slug}` });
              if (clientId) params.set("client_id", clientId);
              const sent = await fetch(`${sandbox.url}/_control/webhooks/${slug}?${params}`, { method: "POST" });
              return ((await sent.json()) as { status: number }).status;
            };
            // Another app at the same provider: its pushes are not for us.
            expect(await send(portalClient(slug).clientId)).toBe(401);
            expect(await send(client.clientId)).toBe(200);
          } finally {
            await app.close();
          }
          const jobs = await database.db.select().from(syncJobs).where(eq(syncJobs.connectionId, connection.id));
          expect(jobs.length).toBeGreaterThan(0);
        });
      }
    });
  },
  { isOwnDatabase: true },
);
