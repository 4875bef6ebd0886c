import type { FileFormat } from "@/lib/files/types";
import type { SyncContext } from "./types";

/** What a provider's download gets: the sync's context (paced, with the person's token) and a plain GET. */
export interface FileDownloadContext extends Omit<SyncContext, "spend" | "files"> {
  /** Routed like every provider request, but without the token or pacing: for URLs that need neither (COROS's fitUrl). */
  fetchWithoutToken(realUrl: string, init?: RequestInit): Promise<Response>;
}

/**
 * A provider's original activity files (FIT/TCX/GPX). Its streams (or webhook) name them as
 * FileReferences; the sync runner fetches them after the records commit (sync/fetch-original-files.ts).
 */
export interface ProviderFiles {
  /**
   * The SSRF guard: whether a URL may be fetched at all. File URLs come from provider replies
   * and from unsigned pushes, and the fetch may carry the person's token.
   */
  isAllowedUrl(realUrl: string): boolean;
  /**
   * Why this grant gets no files at all (Google without the location scope), said on each
   * activity waiting for one until a grant allows them; undefined when files can be fetched.
   */
  withheld?(context: FileDownloadContext): string | undefined;
  /** GETs one file the way the provider wants (its token or none, its Accept header). Status codes are the runner's to read. */
  download(context: FileDownloadContext, file: { url: string; format: FileFormat }): Promise<Response>;
}
