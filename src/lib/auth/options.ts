import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import StravaProvider from "next-auth/providers/strava";
import { getDb, type Database } from "@/lib/db";
import { bumpSessionVersion } from "@/lib/db/queries/users";
import { hasErrorCode } from "@/lib/errors";
import { clientAddress } from "@/lib/http/client-address";
import { configuredOrigin } from "@/lib/http/request-origin";
import { safeRedirectPath } from "@/lib/http/safe-redirect";
import { toProviderUrl } from "@/lib/oauth/provider-url";
import { resolveClientCredentials } from "@/lib/providers/client-credentials";
import type { ClientCredentials } from "@/lib/providers/types";
import { createAuthAdapter } from "./adapter";
import { getAuthSecret } from "./secret";
import { isSessionCurrent, SESSION_MAX_AGE_SECONDS } from "./session-token";
import { verifyCredentials } from "./sign-in";
import { TooManyAttemptsError } from "./throttle";

// next-auth v4 falls back to http://localhost:3000 when NEXTAUTH_URL is unset unless it may
// trust the Host header. A self-hosted app is reached on whatever host and port it runs on;
// the proxy (src/proxy.ts) pins X-Forwarded-Host to the origin we trust before next-auth reads it.
if (!process.env.NEXTAUTH_URL) process.env.AUTH_TRUST_HOST ??= "true";

export async function getAuthOptions(): Promise<NextAuthOptions> {
  const db = await getDb();
  return buildAuthOptions(db, { strava: await stravaSignInClient(db) });
}

/**
 * "Sign in with Strava" needs a real Strava app (from the environment or Settings → Provider
 * apps); the sandbox's made-up client never signs anyone in.
 */
async function stravaSignInClient(db: Database): Promise<ClientCredentials | undefined> {
  // A saved secret this key cannot open leaves the button out; Settings → Provider apps says why.
  const resolved = await resolveClientCredentials(db, "strava").catch((error: unknown) => {
    if (hasErrorCode(error, "NOT_CONFIGURED")) return { source: "none" as const };
    throw error;
  });
  return resolved.source === "none" ? undefined : resolved.credentials;
}

export function buildAuthOptions(db: Database, clients: { strava?: ClientCredentials } = {}): NextAuthOptions {
  const { strava } = clients;

  return {
    secret: getAuthSecret(),
    // Credentials sign-in only works with JWT sessions in next-auth v4.
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    // Secure (and __Secure- prefixed) cookies whenever the app says it is served over https.
    useSecureCookies: configuredOrigin()?.startsWith("https://") ?? false,
    adapter: createAuthAdapter(db),
    pages: { signIn: "/sign-in", error: "/sign-in" },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: { email: { type: "email" }, password: { type: "password" } },
        authorize: async (credentials, request) => {
          try {
            return await verifyCredentials(db, credentials, { client: clientAddress(request?.headers ?? {}) });
          } catch (error) {
            // next-auth hands a thrown message to the form: ours for the limit, nothing internal otherwise.
            if (error instanceof TooManyAttemptsError) throw error;
            console.error("[auth] sign-in failed", error);
            throw new Error("Sign-in failed on our side. Please try again.");
          }
        },
      }),
      ...(strava
        ? [
            StravaProvider({
              clientId: strava.clientId,
              clientSecret: strava.clientSecret,
              authorization: {
                url: toProviderUrl("https://www.strava.com/oauth/authorize"),
                params: { scope: "read", approval_prompt: "auto" },
              },
              token: { url: toProviderUrl("https://www.strava.com/api/v3/oauth/token") },
              userinfo: toProviderUrl("https://www.strava.com/api/v3/athlete"),
            }),
          ]
        : []),
    ],
    callbacks: {
      async jwt({ token, user }) {
        if (user) return { ...token, sessionVersion: (user as { sessionVersion?: number }).sessionVersion ?? 0 };
        // next-auth clears the cookie when this throws: the session was ended elsewhere.
        if (!(await isSessionCurrent(db, token))) throw new Error("This session has been signed out.");
        return token;
      },
      session({ session, token }) {
        if (session.user && token.sub) session.user.id = token.sub;
        return session;
      },
      redirect({ url, baseUrl }) {
        return `${baseUrl}${safeRedirectPath(url, baseUrl)}`;
      },
    },
    logger: {
      // An ended session showing up again (another device, a copied cookie) is expected, not a fault.
      error(code, metadata) {
        if (code === "JWT_SESSION_ERROR") console.warn("[auth] refused a session that was signed out or is invalid");
        else console.error(`[next-auth][error][${code}]`, metadata);
      },
    },
    events: {
      // A JWT cannot be deleted, only outdated: every token issued before now stops working.
      async signOut({ token }) {
        if (token?.sub) await bumpSessionVersion(db, { userId: token.sub });
      },
    },
  };
}

export async function isStravaSignInEnabled(db: Database): Promise<boolean> {
  return Boolean(await stravaSignInClient(db));
}
