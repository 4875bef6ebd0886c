"use client";

import { useActionState, useEffect, useRef } from "react";
import { signIn } from "next-auth/react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { SubmitButton } from "@/components/SubmitButton";
import { TextField } from "@/components/TextField";
import { signUpAction, type SignUpState } from "./actions";

export function SignUpForm() {
  const router = useRouter();
  const [state, formAction] = useActionState<SignUpState, FormData>(signUpAction, null);
  // React resets the form once the action settles, so keep the password for the sign-in.
  const submittedPassword = useRef("");
  const errors = state && "fieldErrors" in state ? state.fieldErrors : {};
  const formError = state && "formError" in state ? state.formError : undefined;
  const values = state && "values" in state ? state.values : { name: "", email: "" };

  // The account exists; sign in with the password still in the field and go to the dashboard.
  useEffect(() => {
    if (!state || !("ok" in state)) return;
    void signIn("credentials", { email: state.email, password: submittedPassword.current, redirect: false }).then(
      (result) => {
        router.push(result?.ok ? "/dashboard" : "/sign-in");
        router.refresh();
      },
    );
  }, [state, router]);

  return (
    <form
      action={formAction}
      onSubmit={(event) => {
        submittedPassword.current = String(new FormData(event.currentTarget).get("password") ?? "");
      }}
      className="flex flex-col gap-4"
      noValidate
    >
      <TextField label="Name" name="name" autoComplete="name" defaultValue={values.name} error={errors.name} />
      <TextField
        label="Email"
        name="email"
        type="email"
        autoComplete="email"
        required
        defaultValue={values.email}
        error={errors.email}
      />
      <TextField
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        error={errors.password}
        hint="At least 10 characters."
      />
      {formError ? (
        <p
          role="alert"
          className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-700 dark:bg-red-950 dark:text-red-300"
        >
          {formError}
        </p>
      ) : null}
      <SubmitButton pendingText="Creating your account…">Create account</SubmitButton>
      <p className="text-center text-sm text-zinc-600 dark:text-zinc-400">
        Already have an account?{" "}
        <Link href="/sign-in" className="font-medium text-brand-700 hover:underline dark:text-brand-500">
          Sign in
        </Link>
      </p>
    </form>
  );
}
