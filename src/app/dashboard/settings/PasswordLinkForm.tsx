"use client";

import { useActionState, useState } from "react";
import { SubmitButton } from "@/components/SubmitButton";
import { TextField } from "@/components/TextField";
import { completeMfaAction, linkWithPasswordAction, type PasswordLinkState } from "./credential-actions";
import { PasswordLinkNotice } from "./PasswordLinkNotice";
import { TokenImportForm } from "./TokenImportForm";

export type PasswordLinkFormProps = {
  family: string;
  familyName: string;
  regions: Array<{ region: string; name: string }>;
  tokenFiles: readonly string[];
  tokenFileHint: string;
  isSandbox: boolean;
};

function Message({ state }: { state: PasswordLinkState }) {
  if (!state || state.step === "mfa") return null;
  const isError = state.step === "error";
  return (
    <p
      role={isError ? "alert" : "status"}
      className={`text-sm ${isError ? "text-red-700 dark:text-red-400" : "text-emerald-700 dark:text-emerald-400"}`}
    >
      {state.message}
    </p>
  );
}

/** The code step: the challenge stays open for another try after a wrong code. */
function MfaCodeForm({
  family,
  challenge,
}: {
  family: string;
  challenge: Extract<PasswordLinkState, { step: "mfa" }>;
}) {
  const [state, action] = useActionState<PasswordLinkState, FormData>(completeMfaAction, null);
  if (state?.step === "linked") return <Message state={state} />;
  return (
    <form action={action} className="flex flex-col gap-3" aria-label="Verification code">
      <input type="hidden" name="family" value={family} />
      <input type="hidden" name="challengeId" value={challenge.challengeId} />
      <p className="text-sm">{challenge.message}</p>
      <TextField
        label="Verification code"
        name="code"
        inputMode="numeric"
        autoComplete="one-time-code"
        required
        error={state?.step === "error" ? state.fieldErrors?.code : undefined}
      />
      <Message state={state} />
      <div>
        <SubmitButton pendingText="Checking…">Finish linking</SubmitButton>
      </div>
    </form>
  );
}

/**
 * "Link with password": the person's own username and password, said plainly what that means,
 * then the code step when the provider asks for one. Token files are the way around a block.
 */
export function PasswordLinkForm({
  family,
  familyName,
  regions,
  tokenFiles,
  tokenFileHint,
  isSandbox,
}: PasswordLinkFormProps) {
  const [isOpen, setIsOpen] = useState(false);
  const [isImporting, setIsImporting] = useState(false);
  const [state, action] = useActionState<PasswordLinkState, FormData>(linkWithPasswordAction, null);
  if (!isOpen)
    return (
      <button
        type="button"
        onClick={() => setIsOpen(true)}
        className="rounded-lg border border-zinc-300 px-4 py-2 text-sm font-medium hover:bg-zinc-50 dark:border-zinc-700 dark:hover:bg-zinc-800"
      >
        Link with password
      </button>
    );
  const errors = state?.step === "error" ? (state.fieldErrors ?? {}) : {};
  return (
    <div
      className="flex w-full flex-col gap-4 rounded-xl border border-zinc-200 p-4 dark:border-zinc-800"
      data-testid={`password-link-${family}`}
    >
      <PasswordLinkNotice familyName={familyName} isSandbox={isSandbox} />
      {state?.step === "mfa" ? (
        <MfaCodeForm family={family} challenge={state} />
      ) : state?.step === "linked" ? (
        <Message state={state} />
      ) : (
        <form action={action} className="flex flex-col gap-3" aria-label={`Link ${familyName} with password`}>
          <input type="hidden" name="family" value={family} />
          <TextField
            label={`${familyName} username or e-mail`}
            name="username"
            autoComplete="username"
            required
            error={errors.username}
          />
          <TextField
            label={`${familyName} password`}
            name="password"
            type="password"
            autoComplete="current-password"
            required
            error={errors.password}
          />
          <div className="flex flex-col gap-1.5">
            <label htmlFor={`region-${family}`} className="text-sm font-medium">
              Region
            </label>
            <select
              id={`region-${family}`}
              name="region"
              defaultValue={regions[0]?.region}
              className="rounded-lg border border-zinc-300 bg-white px-3 py-2 dark:border-zinc-700 dark:bg-zinc-900"
            >
              {regions.map((option) => (
                <option key={option.region} value={option.region}>
                  {option.name}
                </option>
              ))}
            </select>
          </div>
          <TextField
            label="Label (optional)"
            name="label"
            maxLength={60}
            placeholder={`e.g. ${familyName} China`}
            error={errors.label}
          />
          <label className="flex items-start gap-2 text-sm">
            <input type="checkbox" name="autoSignIn" className="mt-1" />
            <span>
              Sign in again automatically when the tokens expire. This keeps your password, encrypted, on this server;
              without it the password is used once and forgotten, and you sign in here again when {familyName} asks.
            </span>
          </label>
          <Message state={state} />
          <div className="flex flex-wrap items-center gap-3">
            <SubmitButton pendingText="Signing in…">Link account</SubmitButton>
            <button
              type="button"
              onClick={() => setIsOpen(false)}
              className="text-sm text-zinc-600 hover:underline dark:text-zinc-400"
            >
              Cancel
            </button>
          </div>
        </form>
      )}
      {tokenFiles.length ? (
        isImporting || (state?.step === "error" && state.isBlocked) ? (
          <TokenImportForm
            family={family}
            familyName={familyName}
            hint={tokenFileHint}
            regions={regions}
            tokenFiles={tokenFiles}
          />
        ) : (
          <button
            type="button"
            onClick={() => setIsImporting(true)}
            className="self-start text-sm font-medium text-brand-700 hover:underline dark:text-brand-500"
          >
            Import token files instead
          </button>
        )
      ) : null}
    </div>
  );
}
