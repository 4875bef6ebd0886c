import { describe, expect, it } from "vitest";
import { INTERVAL_RUN, OVER_UNDERS } from "@tests/fixtures/workout-plans";
import { setUpSandboxServer } from "@tests/sandbox-for-tests";
import { toConnectWorkout } from "./workout-json";

const sandbox = setUpSandboxServer();

function post(body: unknown) {
  const accessToken = sandbox.state.issue("gc_at");
  sandbox.state.accessTokens.set(accessToken, {
    provider: "garmin_connect",
    account: "ada",
    scopes: [],
    expiresAt: null,
  });
  return fetch(`${sandbox.url}/connectapi.garmin.com/workout-service/workout`, {
    method: "POST",
    headers: { authorization: `Bearer ${accessToken}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
}

describe("the sandboxed Connect workout service", () => {
  it("stores what the translator writes, nested repeats included", async () => {
    for (const plan of [INTERVAL_RUN, OVER_UNDERS]) {
      const response = await post(toConnectWorkout(plan));
      expect(response.status).toBe(200);
      expect((await response.json()).workoutId).toBeGreaterThan(0);
    }
  });

  it("refuses ids that do not match their keys, a step outside its group and an end without a value", async () => {
    const valid = toConnectWorkout(INTERVAL_RUN);
    const steps = valid.workoutSegments[0].workoutSteps;
    const group = steps[1] as Extract<(typeof steps)[number], { type: "RepeatGroupDTO" }>;
    const withSteps = (workoutSteps: unknown[]) => ({
      ...valid,
      workoutSegments: [{ ...valid.workoutSegments[0], workoutSteps }],
    });
    const refusals: Array<[unknown, RegExp]> = [
      [
        withSteps([{ ...steps[0], endCondition: { conditionTypeId: 3, conditionTypeKey: "time", displayOrder: 3 } }]),
        /conditionTypeId and conditionTypeKey must name the same thing/,
      ],
      [
        withSteps([
          steps[0],
          { ...group, workoutSteps: [{ ...group.workoutSteps[0], childStepId: 9 }, group.workoutSteps[1]] },
        ]),
        /childStepId must be 1/,
      ],
      [withSteps([{ ...steps[0], endConditionValue: undefined }]), /endConditionValue must be more than 0 for time/],
      [{ ...valid, sportType: { sportTypeId: 1, sportTypeKey: "cycling" } }, /sportTypeId and sportTypeKey/],
    ];
    for (const [body, message] of refusals) {
      const response = await post(body);
      expect(response.status).toBe(400);
      expect((await response.json()).message).toMatch(message);
    }
  });
});
