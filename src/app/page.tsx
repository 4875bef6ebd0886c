import Link from "next/link";
import { redirect } from "next/navigation";
import { getCurrentUser } from "@/lib/auth/session";
import { Logo } from "@/components/Logo";

export const dynamic = "force-dynamic";

const SOURCES = ["Strava", "Garmin", "Oura", "WHOOP", "Fitbit", "Polar", "COROS", "Apple Health", "Health Connect"];

export default async function HomePage() {
  if (await getCurrentUser()) redirect("/dashboard");
  return (
    <main className="mx-auto flex min-h-screen max-w-3xl flex-col justify-center gap-8 px-6 py-16">
      <Logo className="text-3xl" />
      <h1 className="text-4xl font-semibold tracking-tight sm:text-5xl">
        All your training and health data, in one place you own.
      </h1>
      <p className="text-lg text-zinc-600 dark:text-zinc-400">
        QT.run pulls activities, sleep, readiness, HRV and more from the services you already use into one database on
        your own machine.
      </p>
      <ul className="flex flex-wrap gap-2" aria-label="Supported sources">
        {SOURCES.map((source) => (
          <li key={source} className="rounded-full border border-zinc-200 px-3 py-1 text-sm dark:border-zinc-800">
            {source}
          </li>
        ))}
      </ul>
      <div className="flex gap-3">
        <Link href="/sign-up" className="rounded-lg bg-brand-600 px-5 py-2.5 font-medium text-white hover:bg-brand-700">
          Create an account
        </Link>
        <Link
          href="/sign-in"
          className="rounded-lg border border-zinc-300 px-5 py-2.5 font-medium hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-900"
        >
          Sign in
        </Link>
      </div>
    </main>
  );
}
