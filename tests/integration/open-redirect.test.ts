import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, expect, it } from "vitest";
import { signUpWithPassword } from "@/lib/auth/sign-up";
import { createBrowser, serveAuth } from "../auth-server";
import { describeEachDatabase } from "../databases";

const PASSWORD = "correct horse battery staple";

describeEachDatabase("next-auth's redirect after sign-in", (database) => {
  let server: Awaited<ReturnType<typeof serveAuth>>;
  beforeAll(async () => {
    server = await serveAuth(database.db);
  });
  afterAll(() => server?.close());

  async function signInWithCallback(callbackUrl: string): Promise<URL> {
    const email = `redirect-${randomUUID()}@example.test`;
    await signUpWithPassword(database.db, { email, password: PASSWORD }, { client: `test-${randomUUID()}` });
    const browser = createBrowser(server.url);
    const csrf = (await (await browser.send("/api/auth/csrf")).json()) as { csrfToken: string };
    const response = await browser.send("/api/auth/callback/credentials", {
      email,
      password: PASSWORD,
      csrfToken: csrf.csrfToken,
      callbackUrl,
      json: "true",
    });
    expect(response.status).toBe(200);
    return new URL(((await response.json()) as { url: string }).url);
  }

  it.each(["/\\evil.example/phish", "/\t/evil.example", "https://evil.example/phish"])(
    "keeps %j on our own host after a correct password",
    async (callbackUrl) => {
      const landing = await signInWithCallback(callbackUrl);
      expect(landing.host).toBe(new URL(server.url).host);
      expect(landing.pathname).toBe("/dashboard");
    },
  );

  it("still honours a callback path on our own origin", async () => {
    const landing = await signInWithCallback("/dashboard/health?range=week");
    expect(`${landing.pathname}${landing.search}`).toBe("/dashboard/health?range=week");
  });
});
