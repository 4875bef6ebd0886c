"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requireUser } from "@/lib/auth/session";
import {
  completeMfaChallenge,
  importTokenFiles,
  linkWithPassword,
  type LinkOutcome,
} from "@/lib/connections/credential-link";
import {
  credentialLoginSchema,
  mfaCodeSchema,
  readTokenFileText,
  tokenImportSchema,
} from "@/lib/connections/credential-schemas";
import { getDb } from "@/lib/db";
import { setSyncStopped } from "@/lib/db/queries/connections";
import { hasErrorCode } from "@/lib/errors";
import { blockedMessage } from "@/lib/http/credential-replies";
import { getServerOrigin } from "@/lib/http/server-origin";

// The Settings forms for password-linked accounts. They call what POST /api/<family>/login and
// friends call; only the words differ (a person reads these, a script reads the API's).

export type PasswordLinkState =
  | null
  | { step: "linked"; message: string }
  | { step: "mfa"; challengeId: string; method: string; message: string }
  | {
      step: "error";
      message: string;
      fieldErrors?: Record<string, string>;
      /** Set when the provider blocks automated sign-ins: the ways around it are offered. */
      isBlocked?: boolean;
    };

const familySchema = z.object({ family: z.string().min(1).max(40) });

function fieldErrorsOf(error: z.ZodError): Record<string, string> {
  return Object.fromEntries(error.issues.map((issue) => [issue.path.join(".") || "form", issue.message]));
}

function describe(outcome: LinkOutcome): PasswordLinkState {
  const { source } = outcome;
  switch (outcome.kind) {
    case "linked":
      return { step: "linked", message: `${source.name} is linked. Its first sync has started.` };
    case "mfa_required":
      return {
        step: "mfa",
        challengeId: outcome.challengeId,
        method: outcome.method,
        message: `${source.familyName} sent a verification code by ${outcome.method}. Enter it within 10 minutes.`,
      };
    case "invalid_credentials":
      return { step: "error", message: `${source.familyName} did not accept that username and password.` };
    case "invalid_code":
      return { step: "error", message: `${source.familyName} did not accept that code. Check it and try again.` };
    case "rejected_tokens":
      return { step: "error", message: outcome.message };
    case "blocked":
      return { step: "error", message: blockedMessage(source, outcome.retryAt), isBlocked: true };
    default: {
      const unknown: never = outcome;
      throw new Error(`Unhandled outcome ${JSON.stringify(unknown)}`);
    }
  }
}

async function run(action: () => Promise<LinkOutcome>): Promise<PasswordLinkState> {
  try {
    const state = describe(await action());
    revalidatePath("/dashboard/settings");
    return state;
  } catch (error) {
    if (error instanceof z.ZodError)
      return { step: "error", message: "Check the marked fields.", fieldErrors: fieldErrorsOf(error) };
    if (hasErrorCode(error, "RATE_LIMITED", "INVALID_INPUT", "PROVIDER_UNAVAILABLE"))
      return { step: "error", message: error.message };
    throw error;
  }
}

export async function linkWithPasswordAction(_previous: PasswordLinkState, form: FormData): Promise<PasswordLinkState> {
  const user = await requireUser();
  const { family } = familySchema.parse({ family: form.get("family") });
  return run(async () =>
    linkWithPassword(await getDb(), {
      userId: user.id,
      family,
      appUrl: await getServerOrigin(),
      input: credentialLoginSchema.parse({
        username: form.get("username") ?? undefined,
        password: form.get("password") ?? undefined,
        region: form.get("region") || undefined,
        autoSignIn: form.get("autoSignIn") === "on",
        label: form.get("label") || undefined,
      }),
    }),
  );
}

export async function completeMfaAction(_previous: PasswordLinkState, form: FormData): Promise<PasswordLinkState> {
  const user = await requireUser();
  const { family } = familySchema.parse({ family: form.get("family") });
  return run(async () =>
    completeMfaChallenge(await getDb(), {
      userId: user.id,
      family,
      appUrl: await getServerOrigin(),
      input: mfaCodeSchema.parse({ challengeId: form.get("challengeId"), code: form.get("code") }),
    }),
  );
}

const MAX_TOKEN_FILE_BYTES = 64 * 1024;

export async function importTokenFilesAction(_previous: PasswordLinkState, form: FormData): Promise<PasswordLinkState> {
  const user = await requireUser();
  const { family } = familySchema.parse({ family: form.get("family") });
  const files: Record<string, unknown> = {};
  for (const value of form.getAll("tokenFiles")) {
    if (typeof value === "string" || value.size === 0) continue;
    if (value.size > MAX_TOKEN_FILE_BYTES)
      return { step: "error", message: `${value.name} is too large to be a token file.` };
    files[value.name] = readTokenFileText(await value.text());
  }
  return run(async () =>
    importTokenFiles(await getDb(), {
      userId: user.id,
      family,
      appUrl: await getServerOrigin(),
      input: tokenImportSchema.parse({
        files,
        region: form.get("region") || undefined,
        label: form.get("label") || undefined,
      }),
    }),
  );
}

const stopSchema = z.object({ connectionId: z.uuid(), stop: z.enum(["true", "false"]) });

/** The stop switch on a card: while on, nothing is asked of the provider for that account. */
export async function setSyncStoppedAction(form: FormData): Promise<void> {
  const user = await requireUser();
  const { connectionId, stop } = stopSchema.parse(Object.fromEntries(form));
  await setSyncStopped(await getDb(), { userId: user.id, connectionId, isStopped: stop === "true" });
  revalidatePath("/dashboard/settings");
}
