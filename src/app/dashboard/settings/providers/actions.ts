"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requireUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { hasErrorCode } from "@/lib/errors";
import { getServerOrigin } from "@/lib/http/server-origin";
import { checkProviderCredentials, type CredentialCheckResult } from "@/lib/provider-apps/check-credentials";
import { checkConnectionToken, type TokenCheckResult } from "@/lib/provider-apps/check-token";
import {
  removeProviderAppCredentials,
  saveProviderAppCredentials,
  type SaveProviderAppResult,
} from "@/lib/provider-apps/save";

// Thin: lib/provider-apps checks that the caller is an admin and validates the input. The
// refusals a person can meet (not an admin, a provider pinned by the environment, nothing to
// test yet) come back as messages instead of an error page.

const PAGE = "/dashboard/settings/providers";
const shownCodes = ["FORBIDDEN", "CONFLICT", "NOT_CONFIGURED", "NOT_FOUND"] as const;

export type SaveAppState = SaveProviderAppResult | { ok: false; formError: string } | null;
export type CheckCredentialsState = CredentialCheckResult | { error: string } | null;
export type CheckTokenState = TokenCheckResult | null;

const text = (formData: FormData, name: string) => {
  const value = formData.get(name);
  return typeof value === "string" ? value : undefined;
};

export async function saveProviderAppAction(_previous: SaveAppState, formData: FormData): Promise<SaveAppState> {
  const user = await requireUser();
  try {
    const input = {
      provider: text(formData, "provider"),
      clientId: text(formData, "clientId"),
      clientSecret: text(formData, "clientSecret"),
    };
    const result = await saveProviderAppCredentials(await getDb(), { actor: user, input });
    if (result.ok) revalidatePath(PAGE);
    return result;
  } catch (error) {
    if (hasErrorCode(error, ...shownCodes)) return { ok: false, formError: error.message };
    throw error;
  }
}

export async function removeProviderAppAction(_previous: SaveAppState, formData: FormData): Promise<SaveAppState> {
  const user = await requireUser();
  try {
    await removeProviderAppCredentials(await getDb(), { actor: user, provider: text(formData, "provider") ?? "" });
    revalidatePath(PAGE);
    return { ok: true };
  } catch (error) {
    if (hasErrorCode(error, ...shownCodes)) return { ok: false, formError: error.message };
    throw error;
  }
}

export async function checkCredentialsAction(
  _previous: CheckCredentialsState,
  formData: FormData,
): Promise<CheckCredentialsState> {
  const user = await requireUser();
  try {
    return await checkProviderCredentials(await getDb(), {
      actor: user,
      provider: text(formData, "provider") ?? "",
      origin: await getServerOrigin(),
    });
  } catch (error) {
    if (hasErrorCode(error, ...shownCodes)) return { error: error.message };
    throw error;
  }
}

export async function checkTokenAction(_previous: CheckTokenState, formData: FormData): Promise<CheckTokenState> {
  const user = await requireUser();
  const connectionId = z.uuid().safeParse(formData.get("connectionId"));
  if (!connectionId.success) return { ok: false, message: "connectionId: not a connection." };
  try {
    return await checkConnectionToken(await getDb(), {
      actor: user,
      connectionId: connectionId.data,
      origin: await getServerOrigin(),
    });
  } catch (error) {
    if (hasErrorCode(error, ...shownCodes)) return { ok: false, message: error.message };
    throw error;
  }
}
