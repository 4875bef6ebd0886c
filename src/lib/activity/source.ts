import { UPLOAD_PROVIDER, UPLOAD_SOURCE_NAME } from "@/lib/files/upload/upload-source";
import { PUSH_SOURCES } from "@/lib/ingest/push-sources";
import { findProvider } from "@/lib/providers";

export interface ActivitySource {
  name: string;
  /** The provider's own page for this activity, where it has public ones. */
  url?: string;
}

/** Where an activity came from, named as the Connected sources page names it. */
export function activitySource(providerSlug: string, externalId: string): ActivitySource {
  const provider = findProvider(providerSlug);
  if (provider) return { name: provider.name, url: provider.activityUrl?.(externalId) };
  if (providerSlug === UPLOAD_PROVIDER) return { name: UPLOAD_SOURCE_NAME };
  const pushed = PUSH_SOURCES.find((source) => source.slug === providerSlug);
  return { name: pushed?.name ?? providerSlug.replaceAll("_", " ") };
}
