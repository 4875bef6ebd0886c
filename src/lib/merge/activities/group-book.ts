import type { ActivityLinkDecision } from "@/lib/db/schema";
import { pairKey } from "./exact";
import type { GroupMember } from "./types";

/** What the book needs of a decision: the pair and the person's word on it. */
export type DecisionPair = Pick<
  ActivityLinkDecision,
  "decision" | "providerA" | "externalIdA" | "providerB" | "externalIdB"
>;

const sourceKey = (row: { provider: string; externalId: string }) => `${row.provider}\u0000${row.externalId}`;

/**
 * The groups of one write as links are added, with the person's decisions: which rows are
 * already one, which may not become one (a split between any of their members), and which
 * sources each group already has (a scored match never puts two rows of one source together).
 */
export class GroupBook {
  private readonly parent = new Map<string, string>();
  /** Each group's rows, under its root: kept as groups join, so no lookup walks every member. */
  private readonly byRoot = new Map<string, GroupMember[]>();
  private readonly splits = new Set<string>();
  private readonly joins = new Set<string>();

  constructor(members: readonly GroupMember[], decisions: readonly DecisionPair[]) {
    for (const member of members) {
      const root = member.mergedIntoId ?? member.id;
      this.parent.set(member.id, root);
      this.parent.set(root, root);
      this.byRoot.set(root, [...(this.byRoot.get(root) ?? []), member]);
    }
    for (const decision of decisions) {
      const key = pairKey(
        sourceKey({ provider: decision.providerA, externalId: decision.externalIdA }),
        sourceKey({ provider: decision.providerB, externalId: decision.externalIdB }),
      );
      (decision.decision === "split" ? this.splits : this.joins).add(key);
    }
  }

  private root(id: string): string {
    let root = id;
    while (this.parent.has(root) && this.parent.get(root) !== root) root = this.parent.get(root)!;
    return root;
  }

  private groupOf(id: string): GroupMember[] {
    return this.byRoot.get(this.root(id)) ?? [];
  }

  isJoined(a: { provider: string; externalId: string }, b: { provider: string; externalId: string }): boolean {
    return this.joins.has(pairKey(sourceKey(a), sourceKey(b)));
  }

  /** Whether the person split any row of a's group from any row of b's. */
  isSplit(a: { id: string }, b: { id: string }): boolean {
    const left = this.groupOf(a.id);
    const right = this.groupOf(b.id);
    return left.some((x) => right.some((y) => this.splits.has(pairKey(sourceKey(x), sourceKey(y)))));
  }

  canScoredJoin(a: string, b: string): boolean {
    if (this.root(a) === this.root(b)) return false;
    const sources = new Set(this.groupOf(a).map((member) => member.provider));
    return !this.groupOf(b).some((member) => sources.has(member.provider)) && !this.isSplit({ id: a }, { id: b });
  }

  join(a: string, b: string): void {
    const rootA = this.root(a);
    const rootB = this.root(b);
    if (rootA === rootB) return;
    this.parent.set(rootA, rootB);
    this.byRoot.set(rootB, [...(this.byRoot.get(rootB) ?? []), ...(this.byRoot.get(rootA) ?? [])]);
    this.byRoot.delete(rootA);
  }
}
