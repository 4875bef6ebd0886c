import { describe, expect, it } from "vitest";
import { PROVIDERS } from "@/lib/providers";
import { sandboxCredentials, sandboxWebhookSecret } from "@/sandbox/accounts";
import { SANDBOXES } from "@/sandbox/registry";
import { selectionPayload, streamsForWebhookTypes, streamsToRun } from "./stream-selection";
import type { ProviderSync, SyncStream } from "./types";

const stream = (key: string, webhookTypes?: string[]): SyncStream => ({
  key,
  dataTypes: [],
  webhookTypes,
  fetchPage: async () => ({ records: {}, nextCursor: null }),
});
const sync = (streams: SyncStream[]): ProviderSync => ({
  streams,
  backfillDays: 1,
  requestsPerMinute: 1,
  budgetScope: "connection",
});

const targeted = sync([
  stream("exercise", ["exercise"]),
  stream("daily", ["steps", "distance"]),
  stream("heart-rate", ["heart-rate", "steps"]),
  stream("profile"),
]);

describe("choosing a push's streams", () => {
  it("names every stream that reads a changed type, once", () => {
    expect(streamsForWebhookTypes(targeted, ["steps"])).toEqual(["daily", "heart-rate"]);
    expect(streamsForWebhookTypes(targeted, ["exercise", "distance", "exercise"])).toEqual(["daily", "exercise"]);
  });

  it("names none for a type no stream reads, and every stream for an unnamed change", () => {
    expect(streamsForWebhookTypes(targeted, ["floors"])).toEqual([]);
    expect(streamsForWebhookTypes(targeted, ["exercise", undefined])).toBe("all");
  });

  it("runs everything for a provider whose streams declare no webhook types", () => {
    expect(streamsForWebhookTypes(sync([stream("activities"), stream("dailies")]), ["dailies"])).toBe("all");
    expect(streamsForWebhookTypes(undefined, ["dailies"])).toBe("all");
  });

  it("puts nothing in the payload for every stream, and sorted keys otherwise", () => {
    expect(selectionPayload("all")).toEqual({});
    expect(selectionPayload(["sleep", "body"])).toEqual({ streams: ["body", "sleep"] });
  });
});

describe("the streams a job runs", () => {
  const keys = (streams: readonly SyncStream[]) => streams.map((chosen) => chosen.key);

  it("runs the named streams in the provider's order, and all of them when none are named", () => {
    expect(keys(streamsToRun(targeted.streams, { reason: "webhook", streams: ["heart-rate", "exercise"] }))).toEqual([
      "exercise",
      "heart-rate",
    ]);
    expect(keys(streamsToRun(targeted.streams, { reason: "manual" }))).toEqual([
      "exercise",
      "daily",
      "heart-rate",
      "profile",
    ]);
  });

  it("runs all of them rather than none for a payload it cannot read or streams that no longer exist", () => {
    expect(streamsToRun(targeted.streams, { streams: "exercise" })).toHaveLength(4);
    expect(streamsToRun(targeted.streams, { streams: [] })).toHaveLength(4);
    expect(streamsToRun(targeted.streams, { streams: ["renamed"] })).toHaveLength(4);
  });
});

describe("every provider's push", () => {
  const withPush = PROVIDERS.filter((provider) => provider.webhook && SANDBOXES[provider.slug]?.buildWebhook);

  it.each(withPush.map((provider) => [provider.slug, provider] as const))(
    "%s: the sandbox's change notification names a stream that exists",
    (slug, provider) => {
      const built = SANDBOXES[slug]!.buildWebhook!({
        account: "ada",
        kind: "sync",
        webhookSecret: sandboxWebhookSecret(slug),
        ...sandboxCredentials(slug),
      })!;
      const request = {
        method: "POST",
        url: new URL(`https://qt.test/api/webhooks/${slug}`),
        headers: new Headers(built.headers),
        rawBody: built.body,
      };
      const events = provider.webhook!.parseEvents(request);
      expect(events.length).toBeGreaterThan(0);
      const selection = streamsForWebhookTypes(
        provider.sync,
        events.map((event) => (event.kind === "sync" ? event.webhookType : undefined)),
      );
      const streams = provider.sync!.streams;
      // Garmin's streams declare none: its pings' callback URLs already say what to fetch.
      if (!streams.some((each) => each.webhookTypes?.length)) return expect(selection).toBe("all");
      expect(selection).not.toBe("all");
      expect((selection as string[]).length).toBeGreaterThan(0);
      expect((selection as string[]).every((key) => streams.some((each) => each.key === key))).toBe(true);
    },
  );

  it("declares webhook types only on streams of providers that push", () => {
    for (const provider of PROVIDERS) {
      const declaring = provider.sync?.streams.filter((each) => each.webhookTypes?.length) ?? [];
      if (declaring.length) expect(provider.webhook, provider.slug).toBeDefined();
    }
  });
});
