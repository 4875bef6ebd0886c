"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { apiKeyScopeSchema } from "@/lib/auth/api-key-scopes";
import { requireUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { createApiKey, revokeApiKey, rotateApiKey } from "@/lib/db/queries/api-keys";

export type ApiKeyState = { key?: string; name?: string; error?: string } | null;

const nameSchema = z
  .string()
  .trim()
  .min(1, { message: "Give the key a name, e.g. “iPhone”." })
  .max(60, { message: "Keep the name under 60 characters." });

const scopesSchema = z.array(apiKeyScopeSchema).min(1, { message: "Choose at least one thing the key may do." });

export async function createApiKeyAction(_previous: ApiKeyState, formData: FormData): Promise<ApiKeyState> {
  const user = await requireUser();
  const name = nameSchema.safeParse(formData.get("name"));
  if (!name.success) return { error: name.error.issues[0]!.message };
  const scopes = scopesSchema.safeParse(formData.getAll("scope"));
  if (!scopes.success) return { error: scopes.error.issues[0]!.message };
  const { key } = await createApiKey(await getDb(), { userId: user.id, name: name.data, scopes: scopes.data });
  revalidatePath("/dashboard/settings/api-keys");
  return { key, name: name.data };
}

export async function rotateApiKeyAction(_previous: ApiKeyState, formData: FormData): Promise<ApiKeyState> {
  const user = await requireUser();
  const apiKeyId = z.uuid().parse(formData.get("apiKeyId"));
  const { key, apiKey } = await rotateApiKey(await getDb(), { userId: user.id, apiKeyId });
  revalidatePath("/dashboard/settings/api-keys");
  return { key, name: apiKey.name };
}

export async function revokeApiKeyAction(formData: FormData): Promise<void> {
  const user = await requireUser();
  const apiKeyId = z.uuid().parse(formData.get("apiKeyId"));
  await revokeApiKey(await getDb(), { userId: user.id, apiKeyId });
  revalidatePath("/dashboard/settings/api-keys");
}
