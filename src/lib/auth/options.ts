import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import StravaProvider from "next-auth/providers/strava";
import { getEnv } from "@/env";
import { getDb } from "@/lib/db";
import { readOrCreateLocalSecret } from "@/lib/crypto/local-secrets";
import { toProviderUrl } from "@/lib/oauth/provider-url";
import { createAuthAdapter } from "./adapter";
import { verifyCredentials } from "./sign-in";

// next-auth v4 falls back to http://localhost:3000 when NEXTAUTH_URL is unset unless it may
// trust the Host header. A self-hosted app is reached on whatever host and port it runs on.
if (!process.env.NEXTAUTH_URL) process.env.AUTH_TRUST_HOST ??= "true";

export async function getAuthOptions(): Promise<NextAuthOptions> {
  const env = getEnv();
  const db = await getDb();
  const isStravaConfigured = Boolean(env.STRAVA_CLIENT_ID && env.STRAVA_CLIENT_SECRET);

  return {
    secret: env.NEXTAUTH_SECRET ?? readOrCreateLocalSecret("auth-secret", "NEXTAUTH_SECRET"),
    // Credentials sign-in only works with JWT sessions in next-auth v4.
    session: { strategy: "jwt", maxAge: 30 * 24 * 60 * 60 },
    adapter: createAuthAdapter(db),
    pages: { signIn: "/sign-in", error: "/sign-in" },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: { email: { type: "email" }, password: { type: "password" } },
        authorize: (credentials) => verifyCredentials(db, credentials),
      }),
      ...(isStravaConfigured
        ? [
            StravaProvider({
              clientId: env.STRAVA_CLIENT_ID!,
              clientSecret: env.STRAVA_CLIENT_SECRET!,
              authorization: { url: toProviderUrl("https://www.strava.com/oauth/authorize"), params: { scope: "read", approval_prompt: "auto" } },
              token: { url: toProviderUrl("https://www.strava.com/api/v3/oauth/token") },
              userinfo: toProviderUrl("https://www.strava.com/api/v3/athlete"),
            }),
          ]
        : []),
    ],
    callbacks: {
      session({ session, token }) {
        if (session.user && token.sub) session.user.id = token.sub;
        return session;
      },
    },
  };
}

export function isStravaSignInEnabled(): boolean {
  const env = getEnv();
  return Boolean(env.STRAVA_CLIENT_ID && env.STRAVA_CLIENT_SECRET);
}
