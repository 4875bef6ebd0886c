import { signOutAction } from "./sign-out-action";

/** A plain form posting to a server action: works before any JavaScript loads, and ships none. */
export function SignOutButton() {
  return (
    <form action={signOutAction}>
      <button
        type="submit"
        className="w-full rounded-lg px-3 py-2 text-left text-sm font-medium text-zinc-600 hover:bg-zinc-200/60 dark:text-zinc-400 dark:hover:bg-zinc-800"
      >
        Sign out
      </button>
    </form>
  );
}
