import { eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { insertOAuthState } from "@/lib/db/queries/oauth-states";
import { oauthStates } from "@/lib/db/schema";
import { describeEachDatabase } from "@tests/databases";
import { createTestUser } from "@tests/factories";
import { runScheduledSync } from "./run-scheduled-sync";

describeEachDatabase("the scheduled pass", (database) => {
  it("drops OAuth states whose flow can no longer finish and keeps those still in progress", async () => {
    const user = await createTestUser(database.db);
    const state = (stateHash: string, expiresAt: Date) =>
      insertOAuthState(database.db, {
        stateHash,
        userId: user.id,
        provider: "strava",
        redirectUri: "http://localhost:3000/api/oauth/callback",
        expiresAt,
      });
    await state("abandoned", new Date(Date.now() - 60_000));
    await state("in-progress", new Date(Date.now() + 10 * 60_000));

    await runScheduledSync(database.db, { appUrl: "http://localhost:3000", keepSubscriptions: false });

    // This user's only: on Postgres other test files share the database and make states of their own.
    const left = await database.db
      .select({ stateHash: oauthStates.stateHash })
      .from(oauthStates)
      .where(eq(oauthStates.userId, user.id));
    expect(left.map((row) => row.stateHash)).toEqual(["in-progress"]);
  });
});
