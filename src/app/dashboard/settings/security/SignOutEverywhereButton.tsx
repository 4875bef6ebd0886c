"use client";

import { useTransition } from "react";
import { signOut } from "next-auth/react";
import { signOutEverywhereAction } from "./actions";

export function SignOutEverywhereButton() {
  const [isPending, startTransition] = useTransition();
  return (
    <button
      type="button"
      disabled={isPending}
      onClick={() =>
        startTransition(async () => {
          await signOutEverywhereAction();
          await signOut({ callbackUrl: "/sign-in" });
        })
      }
      className="self-start rounded-lg border border-zinc-300 px-4 py-2.5 text-sm font-medium text-zinc-800 hover:bg-zinc-100 disabled:cursor-wait disabled:opacity-70 dark:border-zinc-700 dark:text-zinc-200 dark:hover:bg-zinc-800"
    >
      {isPending ? "Signing out…" : "Sign out everywhere"}
    </button>
  );
}
