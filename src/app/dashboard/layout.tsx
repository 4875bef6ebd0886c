import Link from "next/link";
import { Logo } from "@/components/Logo";
import { isAdmin } from "@/lib/auth/admin";
import { requireUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { DashboardNav } from "./DashboardNav";
import { SignOutButton } from "./SignOutButton";

export const dynamic = "force-dynamic";

export default async function DashboardLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser();
  const isAdminUser = await isAdmin(await getDb(), user);
  return (
    <div className="mx-auto flex min-h-screen max-w-7xl flex-col md:flex-row">
      <aside className="flex flex-col gap-4 border-b border-zinc-200 p-4 md:sticky md:top-0 md:h-screen md:w-60 md:shrink-0 md:border-r md:border-b-0 dark:border-zinc-800">
        <div className="flex items-center justify-between md:block">
          <Link href="/dashboard" className="px-3 text-xl">
            <Logo />
          </Link>
          <div className="md:hidden">
            <SignOutButton />
          </div>
        </div>
        <DashboardNav isAdmin={isAdminUser} />
        <div className="mt-auto hidden flex-col gap-1 border-t border-zinc-200 pt-4 md:flex dark:border-zinc-800">
          <p className="truncate px-3 text-sm text-zinc-600 dark:text-zinc-400" data-testid="signed-in-as">
            {user.name ?? user.email ?? "Signed in"}
          </p>
          <SignOutButton />
        </div>
      </aside>
      <main className="min-w-0 flex-1 p-4 sm:p-8">{children}</main>
    </div>
  );
}
