import type { ProviderSync } from "./types";

/** A stream's name for people: its label, else its key made readable ("bodyComps", "daily-activity" -> "Body comps", "Daily activity"). */
export function streamLabel(sync: ProviderSync | undefined, key: string): string {
  const label = sync?.streams.find((stream) => stream.key === key)?.label;
  if (label) return label;
  const words = key
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .replace(/[-_]+/g, " ")
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
