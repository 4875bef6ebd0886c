import type { RejectedItem } from "./types";

/** The reply lists this many rejected items with their reasons; the rest are counted. */
export const LISTED_REJECTIONS = 1_000;

/**
 * What a parser could not store. An export whose every point is bad (a phone set to a date
 * format we cannot read) could otherwise hold half a million reasons in memory and in the
 * reply; the body itself is kept in its receipt, so nothing is lost by listing only the first.
 */
export class Rejections {
  readonly items: RejectedItem[] = [];
  /** Rejected beyond the listed ones. */
  unlisted = 0;

  add(path: string, reason: string): void {
    if (this.items.length < LISTED_REJECTIONS) this.items.push({ path, reason });
    else this.unlisted++;
  }

  /** For ParsedIngest: `unlistedRejections` only when some were left out. */
  summary(): { rejected: RejectedItem[]; unlistedRejections?: number } {
    return this.unlisted > 0 ? { rejected: this.items, unlistedRejections: this.unlisted } : { rejected: this.items };
  }
}
