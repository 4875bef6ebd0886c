import { PUSH_SOURCES, type PushSourceSlug } from "@/lib/ingest/push-sources";
import { PROVIDERS } from "@/lib/providers";
import type { DataType } from "@/lib/providers/types";

const either = (names: string[]) =>
  names.length <= 1 ? names.join("") : `${names.slice(0, -1).join(", ")} or ${names.at(-1)}`;

/** "Connect Garmin, Oura or WHOOP to see HRV, or send it from Apple Health." from the registry. */
export function connectHint(spec: { dataTypes: DataType[]; pushSources: PushSourceSlug[]; noun: string }): string {
  const providers = PROVIDERS.filter((provider) =>
    provider.dataTypes.some((type) => spec.dataTypes.includes(type)),
  ).map((provider) => provider.name);
  const phones = PUSH_SOURCES.filter((source) => spec.pushSources.includes(source.slug)).map((source) => source.name);
  const push = phones.length ? `, or send it from ${either(phones)}` : "";
  return providers.length
    ? `Connect ${either(providers)} to see ${spec.noun}${push}.`
    : `Send ${spec.noun} from ${either(phones)}.`;
}
