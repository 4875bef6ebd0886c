// The events a person can subscribe an endpoint to. "webhook.test" is not among them: it is
// sent to one endpoint on request ("Send test event"), whatever it subscribes to.
export const WEBHOOK_EVENT_TYPES = [
  "activity.created",
  "activity.updated",
  "daily.updated",
  "sleep.created",
  "body.created",
  "connection.status",
] as const;

export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];
export type SentEventType = WebhookEventType | "webhook.test";

export const EVENT_TYPE_LABELS: Record<WebhookEventType, string> = {
  "activity.created": "New activities",
  "activity.updated": "Changed activities",
  "daily.updated": "Daily summaries (new or changed)",
  "sleep.created": "New sleep sessions",
  "body.created": "New weigh-ins and body measurements",
  "connection.status": "Connection status changes",
};
