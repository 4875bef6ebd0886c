"use client";

import { useActionState } from "react";
import type { ApiKeyRow } from "@/lib/db/queries/api-keys";
import { revokeApiKeyAction, rotateApiKeyAction, type ApiKeyState } from "./actions";
import { NewKeyNotice } from "./NewKeyNotice";

const date = (value: Date | null) =>
  value ? value.toLocaleString("en", { dateStyle: "medium", timeStyle: "short" }) : "never";

export function KeyRow({
  apiKey,
}: {
  apiKey: Pick<ApiKeyRow, "id" | "name" | "prefix" | "scopes" | "createdAt" | "lastUsedAt" | "revokedAt">;
}) {
  const [state, rotate] = useActionState<ApiKeyState, FormData>(rotateApiKeyAction, null);
  const isRevoked = Boolean(apiKey.revokedAt);
  return (
    <li className="flex flex-col gap-3 py-3" data-testid="api-key-row">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div className="min-w-0">
          <p className="font-medium">
            {apiKey.name} <code className="ml-1 text-sm text-zinc-500">{apiKey.prefix}…</code>
            {isRevoked ? (
              <span className="ml-2 rounded-full bg-zinc-200 px-2 py-0.5 text-xs dark:bg-zinc-800">Revoked</span>
            ) : null}
          </p>
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            {apiKey.scopes.join(", ")} · created {date(apiKey.createdAt)} · last used {date(apiKey.lastUsedAt)}
          </p>
        </div>
        {isRevoked ? null : (
          <div className="flex gap-1">
            <form action={rotate}>
              <input type="hidden" name="apiKeyId" value={apiKey.id} />
              <button className="rounded-lg px-2.5 py-1.5 text-sm font-medium text-zinc-600 hover:bg-zinc-100 dark:text-zinc-400 dark:hover:bg-zinc-800">
                Rotate
              </button>
            </form>
            <form action={revokeApiKeyAction}>
              <input type="hidden" name="apiKeyId" value={apiKey.id} />
              <button className="rounded-lg px-2.5 py-1.5 text-sm font-medium text-red-700 hover:bg-red-50 dark:text-red-400 dark:hover:bg-red-950">
                Revoke
              </button>
            </form>
          </div>
        )}
      </div>
      {state?.key && state.name ? <NewKeyNotice name={state.name} apiKey={state.key} /> : null}
    </li>
  );
}
