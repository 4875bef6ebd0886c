import type { Database } from "@/lib/db/client";
import { insertWebhookEvents, findLastReportedStatus, type NewWebhookEvent } from "@/lib/db/queries/webhook-deliveries";
import { findSubscribedEndpoints } from "@/lib/db/queries/webhook-endpoints";
import { findEventItems, type EventItemTable } from "@/lib/db/queries/webhook-event-items";
import type { WebhookEventType } from "./event-types";

/** Rows one batch wrote, by table: what its data events are made of. */
export type WrittenIds = { inserted: string[]; updated: string[] };
export type RecordChanges = Partial<Record<EventItemTable, WrittenIds>>;

// One event per type per batch (a sync page, a slice of a phone export), naming up to this many
// rows: a 1,000-activity backfill is a handful of requests, not a thousand.
export const ITEMS_PER_EVENT = 100;

const EVENT_RULES: Array<{ type: WebhookEventType; table: EventItemTable; ids: (written: WrittenIds) => string[] }> = [
  { type: "activity.created", table: "activities", ids: (written) => written.inserted },
  { type: "activity.updated", table: "activities", ids: (written) => written.updated },
  { type: "sleep.created", table: "sleepSessions", ids: (written) => written.inserted },
  { type: "daily.updated", table: "dailySummaries", ids: (written) => [...written.inserted, ...written.updated] },
  { type: "body.created", table: "bodyMeasurements", ids: (written) => written.inserted },
];

/**
 * Records the data events of one batch's writes into the outbox (webhook_events and one
 * delivery per subscribed endpoint). Call it with the batch's transaction: the events commit
 * with the rows or not at all. A person without endpoints costs one indexed lookup.
 */
export async function recordDataEvents(
  db: Database,
  params: { userId: string; changes: RecordChanges },
): Promise<void> {
  const due = EVENT_RULES.map((rule) => {
    const written = params.changes[rule.table];
    return { ...rule, ids: written ? rule.ids(written) : [] };
  }).filter((rule) => rule.ids.length > 0);
  if (!due.length) return;
  const endpoints = await findSubscribedEndpoints(db, { userId: params.userId, types: due.map((rule) => rule.type) });
  if (!endpoints.length) return;

  const events: NewWebhookEvent[] = [];
  for (const rule of due) {
    const endpointIds = endpoints.filter((endpoint) => endpoint.events.includes(rule.type)).map(({ id }) => id);
    if (!endpointIds.length) continue;
    const items = await findEventItems(db, { userId: params.userId, table: rule.table, ids: rule.ids });
    for (let start = 0; start < items.length; start += ITEMS_PER_EVENT)
      events.push({ type: rule.type, data: { items: items.slice(start, start + ITEMS_PER_EVENT) }, endpointIds });
  }
  await insertWebhookEvents(db, { userId: params.userId, events });
}

/** "syncing" is a working state, not news: a run that ends as it began reports nothing. */
const UNREPORTED_STATUSES = new Set(["syncing"]);

/**
 * Records connection.status when a connection settles in a status other than the one last
 * reported for it (or none was yet): a failing sync reports "error" once, not every hour, and
 * its recovery reports "active" once.
 */
export async function recordConnectionStatus(
  db: Database,
  connection: {
    id: string;
    userId: string;
    provider: string;
    label: string | null;
    status: string;
    lastError: string | null;
  },
): Promise<void> {
  if (UNREPORTED_STATUSES.has(connection.status)) return;
  const endpoints = await findSubscribedEndpoints(db, { userId: connection.userId, types: ["connection.status"] });
  if (!endpoints.length) return;
  const last = await findLastReportedStatus(db, { userId: connection.userId, connectionId: connection.id });
  if (last === connection.status) return;
  await insertWebhookEvents(db, {
    userId: connection.userId,
    events: [
      {
        type: "connection.status",
        subject: connection.id,
        data: {
          connectionId: connection.id,
          provider: connection.provider,
          label: connection.label,
          status: connection.status,
          previousStatus: last,
          error: connection.lastError,
        },
        endpointIds: endpoints.map(({ id }) => id),
      },
    ],
  });
}
