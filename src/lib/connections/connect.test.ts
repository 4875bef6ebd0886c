import { afterEach, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { describeEachDatabase } from "@tests/databases";
import { createTestUser } from "@tests/factories";
import { startConnection } from "./connect";

const saved = { ...process.env };
afterEach(() => {
  for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
  Object.assign(process.env, saved);
});

describeEachDatabase("starting a connection", (database) => {
  // The connect route tells this apart from bad input by its code and shows "not configured".
  it("refuses a provider whose credentials the operator has not set, as NOT_CONFIGURED naming the variables", async () => {
    for (const key of ["PROVIDER_BASE_URL", "QT_SANDBOX", "WHOOP_CLIENT_ID", "WHOOP_CLIENT_SECRET"])
      delete process.env[key];
    Object.assign(process.env, { NODE_ENV: "production" });
    const user = await createTestUser(database.db);
    const error = await startConnection(database.db, {
      userId: user.id,
      provider: "whoop",
      origin: "https://qt.example",
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: "NOT_CONFIGURED", status: 503 });
    expect((error as AppError).message).toContain("WHOOP_CLIENT_ID");
  });
});
