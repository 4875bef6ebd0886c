"use client";

import { useState } from "react";

/** "Add another account": a label tells two accounts of one provider apart (e.g. "Garmin China"). */
export function AddAccountForm({ provider, providerName }: { provider: string; providerName: string }) {
  const [isOpen, setIsOpen] = useState(false);
  if (!isOpen) {
    return (
      <button
        type="button"
        onClick={() => setIsOpen(true)}
        className="text-sm font-medium text-brand-700 hover:underline dark:text-brand-500"
      >
        Add another account
      </button>
    );
  }
  return (
    <form action="/api/oauth/connect" method="get" className="flex flex-wrap items-end gap-2">
      <input type="hidden" name="provider" value={provider} />
      <label className="flex flex-col gap-1 text-sm">
        <span className="font-medium">Label for the new {providerName} account</span>
        <input
          name="label"
          maxLength={60}
          placeholder={`e.g. ${providerName} China`}
          className="rounded-lg border border-zinc-300 bg-white px-3 py-1.5 dark:border-zinc-700 dark:bg-zinc-900"
        />
      </label>
      <button className="rounded-lg bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700">
        Connect
      </button>
    </form>
  );
}
