"use client";

import { useActionState, useEffect } from "react";
import { signOut } from "next-auth/react";
import { SubmitButton } from "@/components/SubmitButton";
import { TextField } from "@/components/TextField";
import { changePasswordAction, type ChangePasswordState } from "./actions";

export function ChangePasswordForm() {
  const [state, formAction] = useActionState<ChangePasswordState, FormData>(changePasswordAction, null);
  const errors = state && "fieldErrors" in state ? state.fieldErrors : {};

  // The new password ended every session, this one included: sign in again with it.
  useEffect(() => {
    if (state && "ok" in state) void signOut({ callbackUrl: "/sign-in" });
  }, [state]);

  return (
    <form action={formAction} aria-label="Change password" className="flex max-w-sm flex-col gap-4" noValidate>
      <TextField
        label="Current password"
        name="currentPassword"
        type="password"
        autoComplete="current-password"
        required
        error={errors.currentPassword}
      />
      <TextField
        label="New password"
        name="newPassword"
        type="password"
        autoComplete="new-password"
        required
        error={errors.newPassword}
        hint="At least 10 characters."
      />
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
        <SubmitButton pendingText="Changing…">Change password</SubmitButton>
        <p role="status" className="text-sm text-zinc-600 dark:text-zinc-400">
          {state && "ok" in state ? "Password changed. Signing you out everywhere…" : null}
        </p>
      </div>
    </form>
  );
}
