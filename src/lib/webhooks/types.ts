/** What a provider push tells us: whose data changed, or that someone revoked access. */
export type WebhookEvent =
  | {
      kind: "sync";
      externalUserId: string;
      /**
       * The provider's own name for what changed (Google's dataType, Oura's data_type, WHOOP's
       * event object, Strava's object_type, Polar's event), matched against the streams'
       * webhookTypes. Absent when the push does not say: then the whole connection syncs.
       */
      webhookType?: string;
      /** Provider URLs that hold exactly the changed data (ping-style webhooks); the sync fetches these. */
      callbackUrls?: string[];
    }
  | { kind: "deauthorized"; externalUserId: string };

/** A webhook request, read once: signatures are computed over the exact raw body. */
export interface WebhookRequest {
  method: string;
  url: URL;
  headers: Headers;
  rawBody: string;
}

export interface WebhookSecrets {
  clientId: string;
  clientSecret: string;
  /** <SLUG>_WEBHOOK_SECRET, or the sandbox's own in sandbox mode. */
  webhookSecret?: string;
}

export interface ProviderWebhook {
  /**
   * Subscription handshakes (Strava's hub.challenge, Oura's GET challenge, Google's
   * verification POST). A Response answers the request; undefined means "not a handshake".
   */
  handshake?(request: WebhookRequest, secrets: WebhookSecrets): Response | undefined;
  /** Whether a POST really comes from the provider; false answers 401 and nothing happens. */
  isAuthentic(request: WebhookRequest, secrets: WebhookSecrets): boolean;
  /** The events in an authentic body; throws a ZodError for a body of the wrong shape. */
  parseEvents(request: WebhookRequest): WebhookEvent[];
  /** The success status the provider expects (200 unless it documents another). */
  successStatus?: 200 | 201 | 202 | 204;
  /** A reply body the provider checks (COROS wants {"result":"0000"}); else a count of what was queued. */
  successBody?: unknown;
}
