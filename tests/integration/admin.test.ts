import { afterEach, expect, it, vi } from "vitest";
import { isAdmin, requireAdmin } from "@/lib/auth/admin";
import { requireAdminPage } from "@/lib/auth/admin-page";
import { listProviderApps } from "@/lib/db/queries/provider-apps";
import { checkConnectionToken } from "@/lib/provider-apps/check-token";
import { checkProviderCredentials } from "@/lib/provider-apps/check-credentials";
import { removeProviderAppCredentials, saveProviderAppCredentials } from "@/lib/provider-apps/save";
import { listProviderAppViews } from "@/lib/provider-apps/settings";
import { describeEachDatabase } from "../databases";
import { createTestUser } from "../factories";

afterEach(() => vi.unstubAllEnvs());

const ORIGIN = "http://qt.test";

async function refusal(promise: Promise<unknown>) {
  return promise.then(
    () => "allowed",
    (error: { code?: string; digest?: string }) => error.code ?? error.digest,
  );
}

// Who counts as the admin depends on who signed up first, so these suites get databases of
// their own and the order of the tests below matters: the first one creates the first user.
describeEachDatabase(
  "who is the admin",
  (database) => {
    let first: Awaited<ReturnType<typeof createTestUser>>;
    let second: Awaited<ReturnType<typeof createTestUser>>;

    it("is the first person to sign up, and nobody after them", async () => {
      vi.stubEnv("QT_ADMIN_EMAILS", "");
      first = await createTestUser(database.db, { email: "founder@example.test" });
      second = await createTestUser(database.db, { email: "Kip@Example.test" });
      expect(await isAdmin(database.db, first)).toBe(true);
      expect(await isAdmin(database.db, second)).toBe(false);
      await expect(requireAdmin(database.db, first)).resolves.toBeUndefined();
    });

    it("is whoever QT_ADMIN_EMAILS names instead, case-blind, and then not the first user", async () => {
      vi.stubEnv("QT_ADMIN_EMAILS", "someone@example.test, kip@example.TEST");
      expect(await isAdmin(database.db, second)).toBe(true);
      expect(await isAdmin(database.db, first)).toBe(false);
      // Someone who signed in without an email (Strava) is never named.
      expect(await isAdmin(database.db, { id: "no-email", email: null })).toBe(false);
    });

    it("refuses everyone else the provider apps page (404) and every admin action (403), changing nothing", async () => {
      vi.stubEnv("QT_ADMIN_EMAILS", "");
      expect(await refusal(requireAdminPage(database.db, first))).toBe("allowed");
      expect(await refusal(requireAdminPage(database.db, second))).toBe("NEXT_HTTP_ERROR_FALLBACK;404");

      const actor = second;
      const input = { provider: "strava", clientId: "intruder", clientSecret: "intruder-secret-123" };
      expect(await refusal(listProviderAppViews(database.db, { actor, origin: ORIGIN }))).toBe("FORBIDDEN");
      expect(await refusal(saveProviderAppCredentials(database.db, { actor, input }))).toBe("FORBIDDEN");
      expect(await refusal(removeProviderAppCredentials(database.db, { actor, provider: "strava" }))).toBe("FORBIDDEN");
      expect(await refusal(checkProviderCredentials(database.db, { actor, provider: "strava", origin: ORIGIN }))).toBe(
        "FORBIDDEN",
      );
      expect(
        await refusal(checkConnectionToken(database.db, { actor, connectionId: crypto.randomUUID(), origin: ORIGIN })),
      ).toBe("FORBIDDEN");
      expect(await listProviderApps(database.db)).toEqual([]);

      // The admin may.
      expect(await saveProviderAppCredentials(database.db, { actor: first, input })).toEqual({ ok: true });
      expect((await listProviderApps(database.db)).map((app) => app.updatedBy)).toEqual([first.id]);
    });
  },
  { isOwnDatabase: true },
);
