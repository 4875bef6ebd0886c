import { randomBytes, randomUUID } from "node:crypto";
import { encode } from "next-auth/jwt";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { getDb, closeDatabase } from "@/lib/db";
import { createUserWithPassword } from "@/lib/db/queries/users";
import { sandboxWebhookSecret } from "@/sandbox/accounts";
import { POST } from "@/app/sandbox/[...path]/route";

const NEXTAUTH_SECRET = randomBytes(32).toString("hex");

// A production build with QT_SANDBOX=1, as a demo install would run it.
describe("a deployed sandbox (production, QT_SANDBOX=1)", () => {
  beforeAll(() => {
    vi.stubEnv("NODE_ENV", "production");
    vi.stubEnv("QT_SANDBOX", "1");
    vi.stubEnv("DATABASE_URL", inject("postgresUrl"));
    vi.stubEnv("NEXTAUTH_SECRET", NEXTAUTH_SECRET);
    vi.stubEnv("QT_ENCRYPTION_KEY", randomBytes(32).toString("hex"));
  });
  afterAll(async () => {
    await closeDatabase();
    vi.unstubAllEnvs();
  });

  const injectFault = (cookie?: string) =>
    POST(
      new Request("http://qt.example/sandbox/_control/faults", {
        method: "POST",
        headers: { "content-type": "application/json", ...(cookie ? { cookie } : {}) },
        body: JSON.stringify({ host: "api.fitbit.com", kind: "server_error" }),
      }),
    );

  it("refuses its control endpoints to someone not signed in", async () => {
    const refused = await injectFault();
    expect(refused.status).toBe(401);
    expect((await refused.json()).message).toMatch(/Sign in first/);
    const webhook = await POST(
      new Request("http://qt.example/sandbox/_control/webhooks/fitbit?account=ada", { method: "POST" }),
    );
    expect(webhook.status).toBe(401);
  });

  it("lets a signed-in user use them", async () => {
    const user = await createUserWithPassword(await getDb(), {
      email: `sandbox-${randomUUID()}@example.test`,
      passwordHash: "unused",
    });
    const token = await encode({ token: { sub: user!.id, sessionVersion: 0 }, secret: NEXTAUTH_SECRET });
    const accepted = await injectFault(`next-auth.session-token=${token}`);
    expect(accepted.status).toBe(200);
    expect((await accepted.json()).faults).toContainEqual(expect.objectContaining({ host: "api.fitbit.com" }));
  });

  it("signs webhooks with a secret of this install, not one written in the source", () => {
    const secret = sandboxWebhookSecret("fitbit");
    expect(secret).not.toBe("qt-sandbox-webhook-fitbit");
    expect(secret).toBe(sandboxWebhookSecret("fitbit"));
    expect(secret).not.toBe(sandboxWebhookSecret("polar"));
    vi.stubEnv("NEXTAUTH_SECRET", randomBytes(32).toString("hex"));
    expect(sandboxWebhookSecret("fitbit")).not.toBe(secret);
    vi.stubEnv("NEXTAUTH_SECRET", NEXTAUTH_SECRET);
  });
});
