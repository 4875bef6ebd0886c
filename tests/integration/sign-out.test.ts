import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { changePassword } from "@/lib/auth/change-password";
import { signUpWithPassword } from "@/lib/auth/sign-up";
import { bumpSessionVersion } from "@/lib/db/queries/users";
import { createBrowser, serveAuth } from "../auth-server";
import { describeEachDatabase } from "../databases";

const PASSWORD = "correct horse battery staple";
const anyClient = () => ({ client: `test-${randomUUID()}` });

describeEachDatabase("sign-out ends sessions on the server", (database) => {
  let server: Awaited<ReturnType<typeof serveAuth>>;
  beforeAll(async () => {
    server = await serveAuth(database.db);
  });
  afterAll(() => server?.close());

  async function signedIn(email: string, password = PASSWORD) {
    const browser = createBrowser(server.url);
    const response = await browser.signIn(email, password);
    expect(response.status).toBe(200);
    expect(browser.sessionToken()).toBeTruthy();
    expect(await browser.whoAmI()).toBe(200);
    return browser;
  }

  async function newAccount() {
    const email = `session-${randomUUID()}@example.test`;
    const created = await signUpWithPassword(database.db, { email, password: PASSWORD }, anyClient());
    if (!created.ok) throw new Error("sign-up failed");
    return { email, userId: created.userId };
  }

  it("refuses a session cookie copied before sign-out, on the API and on next-auth's session endpoint", async () => {
    const { email } = await newAccount();
    const browser = await signedIn(email);
    const captured = browser.sessionToken()!;

    await browser.signOut();
    expect(browser.sessionToken()).toBeUndefined();

    const thief = createBrowser(server.url);
    thief.setSessionToken(captured);
    expect(await thief.whoAmI()).toBe(401);
    expect(await (await thief.send("/api/auth/session")).json()).toEqual({});

    // Signing in again gives a session that works.
    expect((await signedIn(email)).sessionToken()).not.toBe(captured);
  });

  it("ends every session of the account when it signs out everywhere, and no one else's", async () => {
    const { email, userId } = await newAccount();
    const someoneElse = await newAccount();
    const [laptop, phone, other] = [await signedIn(email), await signedIn(email), await signedIn(someoneElse.email)];

    await bumpSessionVersion(database.db, { userId });
    expect(await laptop.whoAmI()).toBe(401);
    expect(await phone.whoAmI()).toBe(401);
    expect(await other.whoAmI()).toBe(200);
  });

  it("ends every session when the password changes, and only the new password signs in", async () => {
    const { email, userId } = await newAccount();
    const browser = await signedIn(email);
    const newPassword = "a brand new long passphrase";

    expect(
      await changePassword(database.db, { id: userId, email }, { currentPassword: "not it", newPassword }, anyClient()),
    ).toEqual({
      ok: false,
      fieldErrors: { currentPassword: "That is not your current password." },
    });
    expect(await browser.whoAmI()).toBe(200);

    expect(
      await changePassword(database.db, { id: userId, email }, { currentPassword: PASSWORD, newPassword }, anyClient()),
    ).toEqual({ ok: true });
    expect(await browser.whoAmI()).toBe(401);
    expect((await createBrowser(server.url).signIn(email, PASSWORD)).status).toBe(401);
    await signedIn(email, newPassword);
  });

  it("names the field when the new password is too weak and changes nothing", async () => {
    const { email, userId } = await newAccount();
    const browser = await signedIn(email);
    expect(
      await changePassword(
        database.db,
        { id: userId, email },
        { currentPassword: PASSWORD, newPassword: "short" },
        anyClient(),
      ),
    ).toEqual({
      ok: false,
      fieldErrors: { newPassword: "Use at least 10 characters." },
    });
    expect(await browser.whoAmI()).toBe(200);
  });

  it("marks the session cookie Secure (and __Secure-) when the app's URL is https", async () => {
    const { email } = await newAccount();
    vi.stubEnv("APP_URL", "https://qt.example");
    const httpsServer = await serveAuth(database.db);
    try {
      const browser = createBrowser(httpsServer.url);
      const csrf = await browser.send("/api/auth/csrf");
      const csrfToken = ((await csrf.json()) as { csrfToken: string }).csrfToken;
      const signedIn = await browser.send("/api/auth/callback/credentials", {
        email,
        password: PASSWORD,
        csrfToken,
        json: "true",
      });
      const sessionCookie = signedIn.headers.getSetCookie().find((line) => line.includes("session-token="));
      expect(sessionCookie).toMatch(/^__Secure-next-auth\.session-token=/);
      expect(sessionCookie).toMatch(/;\s*Secure/i);
      expect(sessionCookie).toMatch(/;\s*HttpOnly/i);
    } finally {
      await httpsServer.close();
      vi.unstubAllEnvs();
    }
  });
});
