import { describe, expect, it } from "vitest";
import { getEnv, parseEnv } from "./env";

describe("environment", () => {
  it("runs embedded with nothing set: PGlite in .data, no Trigger.dev, no provider credentials", () => {
    const env = parseEnv({});
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.QT_DATA_DIR).toBe(".data");
    expect(env.TRIGGER_SECRET_KEY).toBeUndefined();
    expect(env.STRAVA_CLIENT_ID).toBeUndefined();
    expect(env.QT_SANDBOX).toBe(false);
  });

  it("reads a variable set after start-up, and the same parse until one changes", () => {
    const saved = process.env.QT_DATA_DIR;
    try {
      process.env.QT_DATA_DIR = "/tmp/qt-env-a";
      const first = getEnv();
      expect(first.QT_DATA_DIR).toBe("/tmp/qt-env-a");
      expect(getEnv()).toBe(first);
      process.env.QT_DATA_DIR = "/tmp/qt-env-b";
      expect(getEnv().QT_DATA_DIR).toBe("/tmp/qt-env-b");
      delete process.env.QT_DATA_DIR;
      expect(getEnv().QT_DATA_DIR).toBe(".data");
    } finally {
      if (saved === undefined) delete process.env.QT_DATA_DIR;
      else process.env.QT_DATA_DIR = saved;
    }
  });

  it("treats empty strings as unset, as .env files write them", () => {
    expect(parseEnv({ DATABASE_URL: "", STRAVA_CLIENT_ID: " " }).DATABASE_URL).toBeUndefined();
  });

  it("names the variable and the fix for a malformed value", () => {
    expect(() => parseEnv({ DATABASE_URL: "mysql://x" })).toThrow(/DATABASE_URL: must start with postgres:\/\//);
    expect(() => parseEnv({ QT_ENCRYPTION_KEY: "too-short" })).toThrow(/QT_ENCRYPTION_KEY: must be 32 bytes/);
    expect(() => parseEnv({ PROVIDER_BASE_URL: "localhost:4000" })).toThrow(
      /PROVIDER_BASE_URL: must be a full http\(s\) URL/,
    );
  });

  it("says which half of a provider credential pair is missing", () => {
    expect(() => parseEnv({ OURA_CLIENT_ID: "abc" })).toThrow(
      /OURA_CLIENT_SECRET: is required when OURA_CLIENT_ID is set/,
    );
    expect(() => parseEnv({ GARMIN_CONSUMER_SECRET: "s" })).toThrow(/GARMIN_CONSUMER_KEY: is required/);
    expect(parseEnv({ OURA_CLIENT_ID: "abc", OURA_CLIENT_SECRET: "def" }).OURA_CLIENT_SECRET).toBe("def");
  });

  it("asks a new Garmin connection for 90 days of history unless GARMIN_HISTORY_DAYS says otherwise", () => {
    expect(parseEnv({}).GARMIN_HISTORY_DAYS).toBe(90);
    expect(parseEnv({ GARMIN_HISTORY_DAYS: "365" }).GARMIN_HISTORY_DAYS).toBe(365);
    expect(parseEnv({ GARMIN_HISTORY_DAYS: "all" }).GARMIN_HISTORY_DAYS).toBe("all");
    expect(() => parseEnv({ GARMIN_HISTORY_DAYS: "a year" })).toThrow(
      /GARMIN_HISTORY_DAYS: must be a number of days or "all"/,
    );
  });

  it("reads QT_ADMIN_EMAILS as a comma-separated list, lower-cased, and names a malformed entry", () => {
    expect(parseEnv({}).QT_ADMIN_EMAILS).toBeUndefined();
    expect(parseEnv({ QT_ADMIN_EMAILS: " Ada@Example.com, kip@example.com ," }).QT_ADMIN_EMAILS).toEqual([
      "ada@example.com",
      "kip@example.com",
    ]);
    expect(() => parseEnv({ QT_ADMIN_EMAILS: "ada@example.com, kip" })).toThrow(
      /QT_ADMIN_EMAILS\.1: must be email addresses separated by commas/,
    );
  });
});
