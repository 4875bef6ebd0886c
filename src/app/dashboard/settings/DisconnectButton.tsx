"use client";

import { useActionState, useRef } from "react";
import { disconnectAction, type DisconnectState } from "./actions";

type DisconnectButtonProps = {
  connectionId: string;
  accountName: string;
  providerName: string;
  mustDeleteData: boolean;
  /** A password-linked account: there is nothing to revoke at the provider, only tokens (and a password) to forget. */
  forgetsOnly?: boolean;
};

export function DisconnectButton({
  connectionId,
  accountName,
  providerName,
  mustDeleteData,
  forgetsOnly,
}: DisconnectButtonProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [state, formAction, isPending] = useActionState<DisconnectState, FormData>(disconnectAction, null);

  return (
    <>
      <button
        type="button"
        onClick={() => dialog.current?.showModal()}
        className="rounded-lg px-2.5 py-1.5 text-sm font-medium text-zinc-600 hover:bg-zinc-100 hover:text-red-700 dark:text-zinc-400 dark:hover:bg-zinc-800"
      >
        Disconnect
      </button>
      <dialog
        ref={dialog}
        aria-labelledby={`disconnect-${connectionId}`}
        className="m-auto w-[min(28rem,calc(100%-2rem))] rounded-2xl border border-zinc-200 bg-white p-6 text-zinc-900 shadow-xl backdrop:bg-black/40 dark:border-zinc-800 dark:bg-zinc-900 dark:text-zinc-100"
      >
        <form action={formAction} className="flex flex-col gap-4">
          <input type="hidden" name="connectionId" value={connectionId} />
          <h2 id={`disconnect-${connectionId}`} className="text-lg font-semibold">
            Disconnect {accountName}?
          </h2>
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            {forgetsOnly
              ? `QT.run forgets this ${providerName} account's tokens and any password it kept (${providerName} offers no way to revoke them; changing your ${providerName} password ends them there).`
              : `QT.run forgets this ${providerName} account's tokens and tells ${providerName} to revoke access.`}
            {mustDeleteData
              ? ` ${providerName}'s terms require deleting the data it provided, so its activities are deleted too.`
              : " You choose what happens to the data it brought in."}
          </p>
          {state?.error ? <p className="text-sm text-red-600">{state.error}</p> : null}
          <div className="flex flex-wrap justify-end gap-2">
            <button
              type="button"
              onClick={() => dialog.current?.close()}
              className="rounded-lg px-3 py-2 text-sm font-medium hover:bg-zinc-100 dark:hover:bg-zinc-800"
            >
              Cancel
            </button>
            {mustDeleteData ? null : (
              <button
                name="deleteData"
                value="false"
                disabled={isPending}
                className="rounded-lg border border-zinc-300 px-3 py-2 text-sm font-medium hover:bg-zinc-50 dark:border-zinc-700 dark:hover:bg-zinc-800"
              >
                Disconnect, keep data
              </button>
            )}
            <button
              name="deleteData"
              value="true"
              disabled={isPending}
              className="rounded-lg bg-red-600 px-3 py-2 text-sm font-medium text-white hover:bg-red-700 disabled:opacity-70"
            >
              {isPending ? "Disconnecting…" : "Disconnect and delete data"}
            </button>
          </div>
        </form>
      </dialog>
    </>
  );
}
