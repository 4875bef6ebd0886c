"use client";

import { useActionState } from "react";
import { SubmitButton } from "@/components/SubmitButton";
import { TextField } from "@/components/TextField";
import { removeProviderAppAction, saveProviderAppAction, type SaveAppState } from "./actions";

type ClientCredentialsFormProps = {
  provider: string;
  providerName: string;
  /** What is saved now; the secret itself never reaches the browser, at most its last characters. */
  saved?: { clientId: string; secretHint?: string; updatedAt: string };
};

const formatDate = (iso: string) =>
  new Date(iso).toLocaleDateString("en", { day: "numeric", month: "short", year: "numeric" });

export function ClientCredentialsForm({ provider, providerName, saved }: ClientCredentialsFormProps) {
  const [state, saveAction] = useActionState<SaveAppState, FormData>(saveProviderAppAction, null);
  const [removed, removeAction, isRemoving] = useActionState<SaveAppState, FormData>(removeProviderAppAction, null);
  const fieldErrors = state && !state.ok && "fieldErrors" in state ? state.fieldErrors : {};
  const formError = [state, removed].find((result) => result && !result.ok && "formError" in result);
  const ids = { clientId: `${provider}-clientId`, clientSecret: `${provider}-clientSecret` };
  return (
    <div className="flex flex-col gap-3">
      <form action={saveAction} className="grid gap-3 sm:grid-cols-2" aria-label={`${providerName} client`}>
        <input type="hidden" name="provider" value={provider} />
        <TextField
          label="Client id"
          name="clientId"
          id={ids.clientId}
          defaultValue={saved?.clientId}
          autoComplete="off"
          spellCheck={false}
          required
          error={fieldErrors.clientId}
        />
        <TextField
          label="Client secret"
          name="clientSecret"
          id={ids.clientSecret}
          type="password"
          autoComplete="new-password"
          spellCheck={false}
          required={!saved}
          placeholder={saved ? "Leave empty to keep the saved secret" : undefined}
          error={fieldErrors.clientSecret}
          hint={
            saved
              ? `Saved · ${saved.secretHint ? `ends in ${saved.secretHint} · ` : ""}updated ${formatDate(saved.updatedAt)}`
              : "Stored encrypted; never shown again."
          }
        />
        <div className="flex items-center gap-3 sm:col-span-2">
          <SubmitButton pendingText="Saving…">{saved ? "Save changes" : "Save"}</SubmitButton>
          {state?.ok ? (
            <p role="status" className="text-sm text-emerald-700 dark:text-emerald-400">
              Saved.
            </p>
          ) : null}
        </div>
      </form>
      {saved ? (
        <form action={removeAction}>
          <input type="hidden" name="provider" value={provider} />
          <button
            type="submit"
            disabled={isRemoving}
            className="text-xs text-zinc-500 hover:text-red-700 hover:underline disabled:opacity-60"
          >
            {isRemoving ? "Removing…" : `Remove the saved ${providerName} app`}
          </button>
        </form>
      ) : null}
      {formError && "formError" in formError ? (
        <p role="alert" className="text-sm text-red-600 dark:text-red-400">
          {formError.formError}
        </p>
      ) : null}
    </div>
  );
}
