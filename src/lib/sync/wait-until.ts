/**
 * Waits up to this long happen in place; a longer one gives the worker back (WaitUntil) and
 * the job is queued again for when the provider lets it continue.
 */
export const MAX_IN_PLACE_WAIT_MS = 10_000;

/**
 * A sync must pause until `until` (a provider's rate-limit window, or the request budget
 * fully spent). Not a failure: the job goes back to the queue for then, without counting an
 * attempt, and resumes from its committed cursors.
 */
export class WaitUntil extends Error {
  constructor(
    readonly until: Date,
    /** The request budget that is spent: the provider's slug when the whole app shares it, else slug:connection. */
    readonly budgetKey: string,
  ) {
    super(`Waiting for the rate limit until ${until.toISOString()}.`);
    this.name = "WaitUntil";
  }
}
