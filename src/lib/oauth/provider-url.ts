import { getEnv } from "@/env";

/**
 * Every provider request goes through here. With PROVIDER_BASE_URL set,
 * https://<host>/<path> becomes <PROVIDER_BASE_URL>/<host>/<path>, so any simulator that
 * routes by host can stand in for any provider (ARCHITECTURE.md).
 */
export function toProviderUrl(realUrl: string, baseUrl: string | undefined = getEnv().PROVIDER_BASE_URL): string {
  if (!baseUrl) return realUrl;
  const url = new URL(realUrl);
  return `${baseUrl.replace(/\/+$/, "")}/${url.host}${url.pathname}${url.search}`;
}
