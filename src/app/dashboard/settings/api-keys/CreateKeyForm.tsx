"use client";

import { useActionState } from "react";
import { SubmitButton } from "@/components/SubmitButton";
import { API_KEY_SCOPES, API_KEY_SCOPE_LABELS } from "@/lib/auth/api-key-scopes";
import { createApiKeyAction, type ApiKeyState } from "./actions";
import { NewKeyNotice } from "./NewKeyNotice";

export function CreateKeyForm() {
  const [state, formAction] = useActionState<ApiKeyState, FormData>(createApiKeyAction, null);
  return (
    <div className="flex flex-col gap-3">
      <form action={formAction} className="flex flex-wrap items-end gap-2">
        <label className="flex flex-col gap-1 text-sm">
          <span className="font-medium">Key name</span>
          <input
            name="name"
            required
            maxLength={60}
            placeholder="e.g. iPhone"
            className="rounded-lg border border-zinc-300 bg-white px-3 py-2 dark:border-zinc-700 dark:bg-zinc-900"
          />
        </label>
        <fieldset className="flex flex-col gap-1 text-sm">
          <legend className="font-medium">The key may</legend>
          {API_KEY_SCOPES.map((scope) => (
            <label key={scope} className="flex items-center gap-2">
              {/* A phone only pushes: ingest alone is the safe default. */}
              <input type="checkbox" name="scope" value={scope} defaultChecked={scope === "ingest"} />
              <span>
                <code>{scope}</code>: {API_KEY_SCOPE_LABELS[scope]}
              </span>
            </label>
          ))}
        </fieldset>
        <SubmitButton pendingText="Creating…">Create key</SubmitButton>
      </form>
      {state?.error ? <p className="text-sm text-red-600 dark:text-red-400">{state.error}</p> : null}
      {state?.key && state.name ? <NewKeyNotice name={state.name} apiKey={state.key} /> : null}
    </div>
  );
}
