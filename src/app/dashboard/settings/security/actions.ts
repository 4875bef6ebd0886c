"use server";

import { headers } from "next/headers";
import { changePassword, type ChangePasswordResult } from "@/lib/auth/change-password";
import { requireUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { bumpSessionVersion } from "@/lib/db/queries/users";
import { clientAddress } from "@/lib/http/client-address";

export type ChangePasswordState =
  { fieldErrors: Extract<ChangePasswordResult, { ok: false }>["fieldErrors"] } | { ok: true } | null;

export async function changePasswordAction(
  _previous: ChangePasswordState,
  formData: FormData,
): Promise<ChangePasswordState> {
  const user = await requireUser();
  const input = {
    currentPassword: String(formData.get("currentPassword") ?? ""),
    newPassword: String(formData.get("newPassword") ?? ""),
  };
  const result = await changePassword(await getDb(), user, input, { client: clientAddress(await headers()) });
  return result.ok ? { ok: true } : { fieldErrors: result.fieldErrors };
}

/** Ends every session of this account, on every device; the browser then clears its own cookie. */
export async function signOutEverywhereAction(): Promise<void> {
  const user = await requireUser();
  await bumpSessionVersion(await getDb(), { userId: user.id });
}
