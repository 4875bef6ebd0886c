"use server";

import { headers } from "next/headers";
import { getDb } from "@/lib/db";
import { signUpWithPassword, type SignUpResult } from "@/lib/auth/sign-up";
import { clientAddress } from "@/lib/http/client-address";

type SignUpFailure = Extract<SignUpResult, { ok: false }>;

export type SignUpState =
  | { fieldErrors: SignUpFailure["fieldErrors"]; formError?: string; values: { name: string; email: string } }
  | { ok: true; email: string }
  | null;

export async function signUpAction(_previous: SignUpState, formData: FormData): Promise<SignUpState> {
  const input = {
    name: String(formData.get("name") ?? ""),
    email: String(formData.get("email") ?? ""),
    password: String(formData.get("password") ?? ""),
  };
  const result = await signUpWithPassword(await getDb(), input, { client: clientAddress(await headers()) });
  if (!result.ok)
    return {
      fieldErrors: result.fieldErrors,
      formError: result.formError,
      values: { name: input.name, email: input.email },
    };
  return { ok: true, email: result.email };
}
