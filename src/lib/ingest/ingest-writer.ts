import type { Database } from "@/lib/db";
import { markConnectionSynced, upsertConnection } from "@/lib/db/queries/connections";
import { upsertRecordBatchByTable } from "@/lib/db/queries/records";
import { upsertSampleSeries } from "@/lib/db/queries/upsert-sample-series";
import type { SampleWriteHint } from "@/lib/db/queries/upsert-samples";
import { mergeTouched } from "@/lib/merge/daily/merge-touched";
import { TouchedHistory } from "@/lib/merge/daily/touched";
import { addCounts, emptyCounts, type UpsertCounts } from "@/lib/sync/records";
import type { PushSourceSlug } from "./push-sources";
import type { SourceBatch } from "./types";

/**
 * Writes a pushed body's records inside its transaction while the body is still being read:
 * each `send` waits for the previous write and starts its own without waiting for it, so one
 * statement is always with Postgres while the next slice is parsed.
 */
export class IngestWriter {
  readonly counts: Record<string, UpsertCounts> = {};
  private inFlight: Promise<void> = Promise.resolve();
  private readonly connections = new Map<PushSourceSlug, Promise<string>>();
  /** Per source: once a slice met stored rows (an overlapping export), later slices upsert directly. */
  private readonly sampleHints = new Map<string, SampleWriteHint>();
  /** Every slice's days, nights and weigh-ins: merged across sources once, in done(). */
  private readonly touched = new TouchedHistory();

  constructor(
    private readonly tx: Database,
    private readonly userId: string,
  ) {}

  async send(provider: PushSourceSlug, batches: SourceBatch[]): Promise<void> {
    await this.inFlight;
    const write = this.write(provider, batches);
    // A failure surfaces at the next send or at done(); until then it must not go unhandled.
    write.catch(() => {});
    this.inFlight = write;
  }

  /** Waits for the last write, merges what it touched and marks each source as just received. Returns counts per table. */
  async done(): Promise<Record<string, UpsertCounts>> {
    await this.inFlight;
    await mergeTouched(this.tx, this.userId, this.touched);
    for (const connectionId of this.connections.values())
      await markConnectionSynced(this.tx, { connectionId: await connectionId });
    return this.counts;
  }

  /** Waits for the write in flight, whatever its outcome (before the transaction is abandoned). */
  async settle(): Promise<void> {
    await this.inFlight.catch(() => {});
  }

  private async write(provider: PushSourceSlug, batches: SourceBatch[]): Promise<void> {
    const connectionId = await this.connection(provider);
    for (const batch of batches) {
      const owner = { userId: this.userId, connectionId, provider, sourceId: batch.sourceId };
      const hintKey = `${provider}\u0000${batch.sourceId}`;
      let hint = this.sampleHints.get(hintKey);
      if (!hint) this.sampleHints.set(hintKey, (hint = { expectNew: true }));
      const byTable = await upsertRecordBatchByTable(this.tx, owner, batch.records, hint);
      if (batch.sampleSeries) {
        const series = await upsertSampleSeries(this.tx, owner, batch.sampleSeries, hint);
        byTable.samples = byTable.samples ? addCounts(byTable.samples, series) : series;
        this.touched.addSeries(batch.sampleSeries);
      }
      this.touched.add(batch.records);
      for (const [table, counts] of Object.entries(byTable))
        this.counts[table] = addCounts(this.counts[table] ?? emptyCounts(), counts);
    }
  }

  /** The push source's one connection per user, made on its first body. */
  private connection(provider: PushSourceSlug): Promise<string> {
    let connectionId = this.connections.get(provider);
    if (!connectionId) {
      connectionId = upsertConnection(this.tx, {
        userId: this.userId,
        provider,
        externalUserId: provider,
        label: null,
        authKind: "webhook",
        encryptedCredentials: null,
        expiresAt: null,
        scopes: [],
      }).then(({ connection }) => connection.id);
      this.connections.set(provider, connectionId);
    }
    return connectionId;
  }
}
