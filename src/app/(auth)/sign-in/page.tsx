import type { Metadata } from "next";
import { isStravaSignInEnabled } from "@/lib/auth/options";
import { getDb } from "@/lib/db";
import { safeRedirectPath } from "@/lib/http/safe-redirect";
import { getServerOrigin } from "@/lib/http/server-origin";
import { SignInForm } from "./SignInForm";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  return (
    <>
      <h1 className="mb-1 text-xl font-semibold">Sign in</h1>
      <p className="mb-6 text-sm text-zinc-600 dark:text-zinc-400">Welcome back.</p>
      {params.error && params.error !== "CredentialsSignin" ? (
        <p
          role="alert"
          className="mb-4 rounded-lg bg-red-50 px-3 py-2 text-sm text-red-700 dark:bg-red-950 dark:text-red-300"
        >
          Sign-in did not complete. Please try again.
        </p>
      ) : null}
      {/* Only our own origin: an open redirect after sign-in would be a phishing aid. */}
      <SignInForm
        callbackUrl={safeRedirectPath(params.callbackUrl, await getServerOrigin())}
        isStravaEnabled={await isStravaSignInEnabled(await getDb())}
      />
    </>
  );
}
