"use client";

import { useActionState } from "react";
import { SubmitButton } from "@/components/SubmitButton";
import { EVENT_TYPE_LABELS, WEBHOOK_EVENT_TYPES } from "@/lib/outbound/event-types";
import { createEndpointAction, type EndpointFormState } from "./actions";
import { NewSecretNotice } from "./NewSecretNotice";

export function CreateEndpointForm() {
  const [state, formAction] = useActionState<EndpointFormState, FormData>(createEndpointAction, null);
  return (
    <div className="flex flex-col gap-3">
      <form action={formAction} className="flex flex-col gap-3" aria-label="Add webhook endpoint">
        <label className="flex flex-col gap-1 text-sm">
          <span className="font-medium">Endpoint URL</span>
          <input
            name="url"
            type="url"
            required
            maxLength={2048}
            placeholder="https://example.com/qt-hooks"
            aria-invalid={state?.field === "url" || undefined}
            aria-describedby={state?.error ? "endpoint-form-error" : undefined}
            className="rounded-lg border border-zinc-300 bg-white px-3 py-2 dark:border-zinc-700 dark:bg-zinc-900"
          />
        </label>
        <fieldset className="flex flex-col gap-1.5 text-sm">
          <legend className="mb-1 font-medium">Events</legend>
          {WEBHOOK_EVENT_TYPES.map((type) => (
            <label key={type} className="flex items-center gap-2">
              <input type="checkbox" name="events" value={type} defaultChecked={type === "activity.created"} />
              <span>
                {EVENT_TYPE_LABELS[type]} <code className="text-xs text-zinc-500">{type}</code>
              </span>
            </label>
          ))}
        </fieldset>
        <div>
          <SubmitButton pendingText="Adding…">Add endpoint</SubmitButton>
        </div>
      </form>
      {state?.error ? (
        <p id="endpoint-form-error" role="alert" className="text-sm text-red-600 dark:text-red-400">
          {state.error}
        </p>
      ) : null}
      {state?.secret && state.url ? <NewSecretNotice url={state.url} secret={state.secret} /> : null}
    </div>
  );
}
