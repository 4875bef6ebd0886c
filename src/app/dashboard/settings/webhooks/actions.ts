"use server";

import { revalidatePath } from "next/cache";
import { z, ZodError } from "zod";
import { requireUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { redeliver } from "@/lib/db/queries/webhook-deliveries";
import { deleteWebhookEndpoint } from "@/lib/db/queries/webhook-endpoints";
import { issueField } from "@/lib/http/error-response";
import { getServerOrigin } from "@/lib/http/server-origin";
import { queueTestEvent, registerEndpoint } from "@/lib/outbound/endpoints";
import { webhookUrlPolicy } from "@/lib/outbound/url-safety";

const PAGE = "/dashboard/settings/webhooks";

export type EndpointFormState = { secret?: string; url?: string; error?: string; field?: string } | null;

const FIELD_NAMES: Record<string, string> = { url: "The URL", events: "Events" };

export async function createEndpointAction(
  _previous: EndpointFormState,
  formData: FormData,
): Promise<EndpointFormState> {
  const user = await requireUser();
  const input = { url: formData.get("url") ?? "", events: formData.getAll("events") };
  try {
    const policy = webhookUrlPolicy([await getServerOrigin()]);
    const { endpoint, secret } = await registerEndpoint(await getDb(), { userId: user.id, input, policy });
    revalidatePath(PAGE);
    return { secret, url: endpoint.url };
  } catch (error) {
    if (!(error instanceof ZodError)) throw error;
    const issue = error.issues[0]!;
    const field = issueField(issue).split(".")[0]!;
    return { field, error: `${FIELD_NAMES[field] ?? field} ${issue.message}.` };
  }
}

const idSchema = z.uuid();

export async function deleteEndpointAction(formData: FormData): Promise<void> {
  const user = await requireUser();
  const endpointId = idSchema.parse(formData.get("endpointId"));
  await deleteWebhookEndpoint(await getDb(), { userId: user.id, endpointId });
  revalidatePath(PAGE);
}

export async function sendTestEventAction(formData: FormData): Promise<void> {
  const user = await requireUser();
  const endpointId = idSchema.parse(formData.get("endpointId"));
  await queueTestEvent(await getDb(), { userId: user.id, endpointId });
  revalidatePath(PAGE);
}

export async function resendDeliveryAction(formData: FormData): Promise<void> {
  const user = await requireUser();
  const deliveryId = idSchema.parse(formData.get("deliveryId"));
  await redeliver(await getDb(), { userId: user.id, deliveryId });
  revalidatePath(PAGE);
}
