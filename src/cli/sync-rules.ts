import type { Database } from "@/lib/db";
import { createForwardingRule, listForwardingRules } from "@/lib/db/queries/forwarding-rules";
import type { ForwardingRule, ProviderConnection } from "@/lib/db/schema";
import { DAY_MS } from "@/lib/dates";
import { zoneOffsetSeconds } from "@/lib/time-zone";
import { findConfigAccount, findConfigUser, resolveLinkedAccount } from "./accounts";
import type { CliConfig, ConfigSyncRule } from "./config";
import { UsageError } from "./errors";

/** A rule as the CLI runs it: the stored row's id (the log names it) with the fields narrowed for this run. */
export interface RunnableRule {
  rule: ForwardingRule;
  source: string;
  destination: string;
}

export interface SyncSelection {
  source?: string;
  destination?: string;
  types: string[];
  /** Local dates, YYYY-MM-DD, on the rule owner's calendar. */
  from?: string;
  to?: string;
}

/** The instant a local date starts in `timeZone` (checked twice, so a DST change that day lands right). */
export function startOfLocalDay(date: string, timeZone: string): Date {
  const midnightUtc = Date.parse(`${date}T00:00:00Z`);
  let instant = midnightUtc - zoneOffsetSeconds(new Date(midnightUtc), timeZone) * 1000;
  instant = midnightUtc - zoneOffsetSeconds(new Date(instant), timeZone) * 1000;
  return new Date(instant);
}

const later = (a: Date | null, b: Date | undefined) => (a && b ? (a > b ? a : b) : (a ?? b ?? null));
const earlier = (a: Date | null, b: Date | undefined) => (a && b ? (a < b ? a : b) : (a ?? b ?? null));

/** The rule with this run's options applied: only narrower, never wider than the rule itself. */
function narrow(rule: ForwardingRule, selection: SyncSelection, timeZone: string): ForwardingRule | undefined {
  let types = rule.activityTypes;
  if (selection.types.length) {
    types = types.length ? types.filter((type) => selection.types.includes(type)) : selection.types;
    if (!types.length) return undefined;
  }
  const from = selection.from ? startOfLocalDay(selection.from, timeZone) : undefined;
  const to = selection.to ? new Date(startOfLocalDay(selection.to, timeZone).getTime() + DAY_MS - 1) : undefined;
  return { ...rule, activityTypes: types, startDate: later(rule.startDate, from), endDate: earlier(rule.endDate, to) };
}

const endOfLocalDay = (date: string, timeZone: string) =>
  new Date(startOfLocalDay(date, timeZone).getTime() + DAY_MS - 1);

/**
 * A config rule as a stored one: the person's rule between the same two accounts when there is
 * one, else a new rule saved switched off, so the forwarding log can name it while the app's own
 * runs after each sync leave config rules to the CLI. The config's types, dates and conflict
 * strategy apply to this run either way.
 */
async function storedRuleFor(
  db: Database,
  params: {
    userId: string;
    timeZone: string;
    source: ProviderConnection;
    destination: ProviderConnection;
    fields: ConfigSyncRule;
  },
): Promise<ForwardingRule> {
  const { fields } = params;
  const configured = {
    activityTypes: fields.activity_types,
    startDate: fields.start_date ? startOfLocalDay(fields.start_date, params.timeZone) : null,
    endDate: fields.end_date ? endOfLocalDay(fields.end_date, params.timeZone) : null,
    conflictStrategy: fields.conflict_strategy,
  };
  const existing = (await listForwardingRules(db, { userId: params.userId })).find(
    (rule) => rule.sourceConnectionId === params.source.id && rule.destinationConnectionId === params.destination.id,
  );
  const stored =
    existing ??
    (await createForwardingRule(db, {
      userId: params.userId,
      rule: {
        sourceConnectionId: params.source.id,
        destinationConnectionId: params.destination.id,
        ...configured,
        isEnabled: false,
      },
    }));
  return { ...stored, ...configured };
}

interface Candidate {
  source: string;
  destination: string;
  load(): Promise<{ rule: ForwardingRule; timeZone: string }>;
}

function configCandidate(db: Database, config: CliConfig, fields: ConfigSyncRule): Candidate {
  return {
    source: fields.source,
    destination: fields.destination,
    async load() {
      const source = await resolveLinkedAccount(db, findConfigAccount(config, fields.source));
      const destination = await resolveLinkedAccount(db, findConfigAccount(config, fields.destination));
      if (source.user.id !== destination.user.id)
        throw new UsageError(`${fields.source} and ${fields.destination} belong to different QT.run users.`);
      const { timeZone } = source.user;
      const rule = await storedRuleFor(db, {
        userId: source.user.id,
        timeZone,
        source: source.connection,
        destination: destination.connection,
        fields,
      });
      return { rule, timeZone };
    },
  };
}

/**
 * The rules `qt sync` runs: the config's sync_rules when it has any, else the enabled rules stored
 * for the config's users; --source/--destination pick among them, and both together with no rule
 * between them run that pair as a one-off rule.
 */
export async function collectRules(db: Database, config: CliConfig, selection: SyncSelection): Promise<RunnableRule[]> {
  for (const name of [selection.source, selection.destination]) if (name) findConfigAccount(config, name);
  const candidates = config.sync_rules.length
    ? config.sync_rules.map((fields) => configCandidate(db, config, fields))
    : await storedRules(db, config);
  let chosen = candidates.filter(
    (rule) =>
      (!selection.source || rule.source === selection.source) &&
      (!selection.destination || rule.destination === selection.destination),
  );
  if (!chosen.length && selection.source && selection.destination) {
    const oneOff: ConfigSyncRule = {
      source: selection.source,
      destination: selection.destination,
      activity_types: [],
      conflict_strategy: "skip_existing",
    };
    chosen = [configCandidate(db, config, oneOff)];
  }
  if (!chosen.length)
    throw new UsageError(
      selection.source || selection.destination
        ? "No forwarding rule matches --source/--destination."
        : 'No forwarding rules: add "sync_rules" to the config, create one in the app, or give --source and --destination.',
    );
  const rules: RunnableRule[] = [];
  for (const candidate of chosen) {
    const { rule, timeZone } = await candidate.load();
    const narrowed = narrow(rule, selection, timeZone);
    if (narrowed) rules.push({ rule: narrowed, source: candidate.source, destination: candidate.destination });
  }
  return rules;
}

/** The enabled rules stored for the config's users, their ends named by config account where one matches. */
async function storedRules(db: Database, config: CliConfig): Promise<Candidate[]> {
  const emails = [...new Set(config.accounts.map((account) => account.user.toLowerCase()))];
  if (!emails.length) throw new UsageError('The config names no accounts; add them under "accounts".');
  const found: Candidate[] = [];
  for (const email of emails) {
    const user = await findConfigUser(db, email);
    const names = new Map<string, string>();
    for (const account of config.accounts.filter((entry) => entry.user.toLowerCase() === email)) {
      const resolved = await resolveLinkedAccount(db, account).catch(() => undefined);
      if (resolved) names.set(resolved.connection.id, account.name);
    }
    for (const rule of await listForwardingRules(db, { userId: user.id })) {
      if (!rule.isEnabled) continue;
      found.push({
        source: names.get(rule.sourceConnectionId) ?? rule.sourceConnectionId,
        destination: names.get(rule.destinationConnectionId) ?? rule.destinationConnectionId,
        load: async () => ({ rule, timeZone: user.timeZone }),
      });
    }
  }
  return found;
}
