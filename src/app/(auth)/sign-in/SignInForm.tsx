"use client";

import { useState, useTransition } from "react";
import { signIn } from "next-auth/react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { TextField } from "@/components/TextField";

export function SignInForm({ callbackUrl, isStravaEnabled }: { callbackUrl: string; isStravaEnabled: boolean }) {
  const router = useRouter();
  const [error, setError] = useState<string>();
  const [isPending, startTransition] = useTransition();

  function submit(formData: FormData) {
    startTransition(async () => {
      setError(undefined);
      const result = await signIn("credentials", {
        email: String(formData.get("email") ?? ""),
        password: String(formData.get("password") ?? ""),
        redirect: false,
      });
      // next-auth answers a thrown error (too many attempts) with its message, a wrong password with "CredentialsSignin".
      if (!result?.ok || result.error) {
        const isThrottled = result?.error && result.error !== "CredentialsSignin";
        setError(
          isThrottled ? result.error! : "That email and password don't match an account. Check them and try again.",
        );
        return;
      }
      router.push(callbackUrl);
      router.refresh();
    });
  }

  return (
    <div className="flex flex-col gap-4">
      <form action={submit} className="flex flex-col gap-4">
        <TextField label="Email" name="email" type="email" autoComplete="email" required />
        <TextField label="Password" name="password" type="password" autoComplete="current-password" required />
        {error ? (
          <p
            role="alert"
            className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-700 dark:bg-red-950 dark:text-red-300"
          >
            {error}
          </p>
        ) : null}
        <button
          type="submit"
          disabled={isPending}
          className="rounded-lg bg-brand-600 px-4 py-2.5 font-medium text-white shadow-sm hover:bg-brand-700 disabled:cursor-wait disabled:opacity-70"
        >
          {isPending ? "Signing in…" : "Sign in"}
        </button>
      </form>
      {isStravaEnabled ? (
        <button
          type="button"
          onClick={() => void signIn("strava", { callbackUrl })}
          className="rounded-lg bg-[#fc4c02] px-4 py-2.5 font-medium text-white hover:opacity-90"
        >
          Sign in with Strava
        </button>
      ) : null}
      <p className="text-center text-sm text-zinc-600 dark:text-zinc-400">
        New here?{" "}
        <Link href="/sign-up" className="font-medium text-brand-700 hover:underline dark:text-brand-500">
          Create an account
        </Link>
      </p>
    </div>
  );
}
