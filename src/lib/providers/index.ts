import { AppError } from "@/lib/errors";
import type { ProviderDefinition, ProviderSlug } from "./types";
import { strava } from "./strava";
import { garmin } from "./garmin";
import { oura } from "./oura";
import { whoop } from "./whoop";
import { fitbit } from "./fitbit";
import { polar } from "./polar";
import { coros } from "./coros";

/**
 * The provider registry: the one list routes, jobs, the sandbox and the UI read.
 * Adding a provider = one folder beside this file + one entry here.
 */
export const PROVIDERS: readonly ProviderDefinition[] = [strava, garmin, oura, whoop, fitbit, polar, coros];

const BY_SLUG = new Map<string, ProviderDefinition>(PROVIDERS.map((provider) => [provider.slug, provider]));

export function findProvider(slug: string): ProviderDefinition | undefined {
  return BY_SLUG.get(slug);
}

export function getProviderOrThrow(slug: string): ProviderDefinition {
  const provider = findProvider(slug);
  if (!provider)
    throw new AppError("NOT_FOUND", `Unknown provider "${slug}". Known: ${PROVIDERS.map((p) => p.slug).join(", ")}.`);
  return provider;
}

export type { ProviderDefinition, ProviderSlug };
