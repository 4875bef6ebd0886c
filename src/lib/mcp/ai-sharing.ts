import { z } from "zod";
import type { Database } from "@/lib/db/client";
import { findAiSharingChoices, findPersonSources, saveAiSharingChoices } from "@/lib/db/queries/ai-sharing";
import { labelSource } from "@/lib/merge/daily/source-label";
import { findProvider, PROVIDERS } from "@/lib/providers";

// Which sources AI tools may read. A provider whose API terms forbid giving its data to AI
// models (the registry's `aiUseRestriction`: Strava) is withheld until the person opts in;
// every other source is shared until the person opts out.

export interface AiSharing {
  /** Withheld providers, each with why, in the words a tool's answer repeats. */
  withheld: ReadonlyMap<string, string>;
}

export const isSharedByDefault = (provider: string): boolean => !findProvider(provider)?.aiUseRestriction;

function reasonWithheld(provider: string): string {
  return (
    findProvider(provider)?.aiUseRestriction ??
    `You chose not to share ${labelSource({ provider, sourceId: "" })} with AI tools (Settings → AI tools).`
  );
}

/** The person's sharing as every MCP tool applies it. */
export async function loadAiSharing(db: Database, params: { userId: string }): Promise<AiSharing> {
  const choices = new Map(
    (await findAiSharingChoices(db, params)).map((choice) => [choice.provider, choice.isAllowed]),
  );
  const withheld = new Map<string, string>();
  for (const [provider, isAllowed] of choices) if (!isAllowed) withheld.set(provider, reasonWithheld(provider));
  for (const provider of PROVIDERS)
    if (provider.aiUseRestriction && !choices.has(provider.slug))
      withheld.set(provider.slug, reasonWithheld(provider.slug));
  return { withheld };
}

export interface AiSharingRow {
  provider: string;
  label: string;
  isAllowed: boolean;
  /** The provider's terms on AI use, where it has any. */
  restriction: string | null;
}

/** One row per source the person has (or has chosen for), for Settings -> AI tools. */
export async function listAiSharing(db: Database, params: { userId: string }): Promise<AiSharingRow[]> {
  const [sources, choices] = await Promise.all([findPersonSources(db, params), findAiSharingChoices(db, params)]);
  const chosen = new Map(choices.map((choice) => [choice.provider, choice.isAllowed]));
  return [...new Set([...sources, ...chosen.keys()])].sort().map((provider) => ({
    provider,
    label: labelSource({ provider, sourceId: "" }),
    isAllowed: chosen.get(provider) ?? isSharedByDefault(provider),
    restriction: findProvider(provider)?.aiUseRestriction ?? null,
  }));
}

const providerSlug = z.string().regex(/^[a-z0-9_]{1,40}$/, { message: "must be a source slug such as oura" });

/** The form: every source listed on the page, and the ones ticked. */
export const saveAiSharingSchema = z
  .object({
    listed: z.array(providerSlug).min(1, { message: "must name at least one source" }).max(100),
    allowed: z.array(providerSlug).max(100),
  })
  .refine((input) => input.allowed.every((provider) => input.listed.includes(provider)), {
    message: "must only name sources the form listed",
    path: ["allowed"],
  });
export type SaveAiSharingInput = z.infer<typeof saveAiSharingSchema>;

/** Saves a choice for every listed source: ticked is shared, unticked withheld. */
export async function saveAiSharing(db: Database, params: { userId: string; input: SaveAiSharingInput }) {
  const allowed = new Set(params.input.allowed);
  await saveAiSharingChoices(db, {
    userId: params.userId,
    choices: [...new Set(params.input.listed)].map((provider) => ({ provider, isAllowed: allowed.has(provider) })),
  });
}
