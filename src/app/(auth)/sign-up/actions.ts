"use server";

import { getDb } from "@/lib/db";
import { signUpWithPassword, type SignUpResult } from "@/lib/auth/sign-up";

export type SignUpState = { fieldErrors: Extract<SignUpResult, { ok: false }>["fieldErrors"]; values: { name: string; email: string } } | { ok: true; email: string } | null;

export async function signUpAction(_previous: SignUpState, formData: FormData): Promise<SignUpState> {
  const input = {
    name: String(formData.get("name") ?? ""),
    email: String(formData.get("email") ?? ""),
    password: String(formData.get("password") ?? ""),
  };
  const result = await signUpWithPassword(await getDb(), input);
  if (!result.ok) return { fieldErrors: result.fieldErrors, values: { name: input.name, email: input.email } };
  return { ok: true, email: result.email };
}
