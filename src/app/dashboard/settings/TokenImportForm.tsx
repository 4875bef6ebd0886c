"use client";

import { useActionState } from "react";
import { SubmitButton } from "@/components/SubmitButton";
import { importTokenFilesAction, type PasswordLinkState } from "./credential-actions";

type TokenImportFormProps = {
  family: string;
  familyName: string;
  hint: string;
  regions: Array<{ region: string; name: string }>;
  tokenFiles: readonly string[];
};

/** Token files a tool on the person's own computer saved: linking without a sign-in from this server. */
export function TokenImportForm({ family, familyName, hint, regions, tokenFiles }: TokenImportFormProps) {
  const [state, action] = useActionState<PasswordLinkState, FormData>(importTokenFilesAction, null);
  return (
    <form
      action={action}
      className="flex flex-col gap-3 border-t border-zinc-100 pt-4 dark:border-zinc-800"
      aria-label="Import token files"
    >
      <input type="hidden" name="family" value={family} />
      <p className="text-sm text-zinc-700 dark:text-zinc-300">
        When {familyName} refuses sign-ins from this server, link with token files instead: {hint} Files needed:{" "}
        {tokenFiles.join(" and ")}. They hold tokens, not your password.
      </p>
      <div className="flex flex-col gap-1.5">
        <label htmlFor={`token-files-${family}`} className="text-sm font-medium">
          Token files
        </label>
        <input
          id={`token-files-${family}`}
          name="tokenFiles"
          type="file"
          accept={[...new Set(tokenFiles.map((name) => name.slice(name.lastIndexOf("."))))].join(",")}
          multiple
          required
          className="text-sm"
        />
      </div>
      <div className="flex flex-col gap-1.5">
        <label htmlFor={`token-region-${family}`} className="text-sm font-medium">
          Region
        </label>
        <select
          id={`token-region-${family}`}
          name="region"
          defaultValue=""
          className="rounded-lg border border-zinc-300 bg-white px-3 py-2 dark:border-zinc-700 dark:bg-zinc-900"
        >
          <option value="">As the files say</option>
          {regions.map((option) => (
            <option key={option.region} value={option.region}>
              {option.name}
            </option>
          ))}
        </select>
      </div>
      {state ? (
        <p
          role={state.step === "error" ? "alert" : "status"}
          className={`text-sm ${state.step === "error" ? "text-red-700 dark:text-red-400" : "text-emerald-700 dark:text-emerald-400"}`}
        >
          {state.message}
        </p>
      ) : null}
      <div>
        <SubmitButton pendingText="Checking the tokens…">Import and link</SubmitButton>
      </div>
    </form>
  );
}
