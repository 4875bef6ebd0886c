import type { Metadata } from "next";
import { PageHeader } from "@/components/PageHeader";
import { requireUser } from "@/lib/auth/session";
import { ChangePasswordForm } from "./ChangePasswordForm";
import { SignOutEverywhereButton } from "./SignOutEverywhereButton";

export const metadata: Metadata = { title: "Sign-in & security" };

const SECTION =
  "flex max-w-3xl flex-col gap-4 rounded-2xl border border-zinc-200 bg-white p-5 sm:p-6 dark:border-zinc-800 dark:bg-zinc-900";

export default async function SecurityPage() {
  const user = await requireUser();
  return (
    <>
      <PageHeader title="Sign-in & security" description="Your password and the places you are signed in." />
      <div className="flex flex-col gap-6">
        {/* Someone who signs in with Strava has no password here to change. */}
        {user.passwordHash ? (
          <section aria-labelledby="password-heading" className={SECTION}>
            <h2 id="password-heading" className="font-semibold">
              Password
            </h2>
            <p className="text-sm text-zinc-600 dark:text-zinc-400">
              Changing it signs you out on every device, this one included.
            </p>
            <ChangePasswordForm />
          </section>
        ) : null}
        <section aria-labelledby="sessions-heading" className={SECTION}>
          <h2 id="sessions-heading" className="font-semibold">
            Sessions
          </h2>
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            Lost a phone, or signed in on a shared computer? End every session of this account at once.
          </p>
          <SignOutEverywhereButton />
        </section>
      </div>
    </>
  );
}
