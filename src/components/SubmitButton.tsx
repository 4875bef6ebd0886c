"use client";

import { useFormStatus } from "react-dom";

/** `isPending` is for a form that submits itself (see PreferencesForm); others get it from the form. */
export function SubmitButton({
  children,
  pendingText,
  isPending,
}: {
  children: React.ReactNode;
  pendingText: string;
  isPending?: boolean;
}) {
  const status = useFormStatus();
  const pending = isPending ?? status.pending;
  return (
    <button
      type="submit"
      disabled={pending}
      className="rounded-lg bg-brand-600 px-4 py-2.5 font-medium text-white shadow-sm hover:bg-brand-700 disabled:cursor-wait disabled:opacity-70"
    >
      {pending ? pendingText : children}
    </button>
  );
}
