import { describe, expect, it } from "vitest";
import { connectedGroups } from "./components";
import { explainLink } from "./explain";

describe("explainLink", () => {
  it("says how close the two rows are and why they are one", () => {
    expect(
      explainLink(
        { sourceName: "Garmin", name: "Morning Run" },
        { sourceName: "Strava", name: "Morning Run" },
        {
          method: "external_id",
          evidence: {
            startGapS: 4,
            distanceDiffPercent: 0.61,
            durationDiffPercent: 0,
            score: null,
            exactReason: "Strava names the Garmin upload",
          },
        },
      ),
    ).toBe(
      "Linked: Garmin 'Morning Run' and Strava 'Morning Run' (start 4 s apart, distance within 0.6%, Strava names the Garmin upload)",
    );
  });

  it("falls back to duration, and says when the person linked them", () => {
    expect(
      explainLink(
        { sourceName: "Apple Health", name: null },
        { sourceName: "Oura", name: "Yoga" },
        {
          method: "manual",
          evidence: { startGapS: 125, distanceDiffPercent: null, durationDiffPercent: 0, score: null },
        },
      ),
    ).toBe("Linked: Apple Health 'Untitled' and Oura 'Yoga' (start 2 min 5 s apart, same duration, linked by you)");
  });
});

describe("connectedGroups", () => {
  it("joins rows through shared links and leaves the rest alone", () => {
    expect(
      connectedGroups(
        ["a", "b", "c", "d"],
        [
          ["a", "b"],
          ["c", "b"],
        ],
      ),
    ).toEqual([["a", "b", "c"], ["d"]]);
  });
});
