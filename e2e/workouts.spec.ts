import { expect, test } from "@playwright/test";
import { saveScreenshot, signUp, uniqueEmail } from "./helpers";

// A structured workout built on the Workouts page and sent to the sandboxed Garmin's calendar.

test.use({ storageState: { cookies: [], origins: [] } });

test("builds an interval workout, sends it to Garmin and shows it on the calendar", async ({ page }) => {
  await signUp(page, { email: uniqueEmail("workouts"), password: "intervals on thursday" });
  await page.goto("/dashboard/workouts");
  await expect(page.getByRole("heading", { name: "No workouts yet" })).toBeVisible();
  await expect(page.getByRole("link", { name: "connect Garmin" })).toBeVisible();

  // Garmin first, so the workout has somewhere to go.
  await page.goto("/dashboard/settings");
  await page.getByRole("link", { name: "Connect Garmin", exact: true }).click();
  await page.getByRole("button", { name: "Approve" }).click();
  await expect(page.getByText("Garmin is connected")).toBeVisible();

  await page.goto("/dashboard/workouts");
  const form = page.getByRole("form", { name: "New workout" });
  await form.getByLabel("Name", { exact: true }).fill("6 × 800 m");
  await form.getByLabel("Date (optional)").fill("2027-03-04");
  // The starter workout: warm-up, a repeat of an active and a recovery step, cool-down.
  const active = form.getByTestId("step-1.0");
  await active.getByLabel("Ends after").selectOption("distance");
  await active.getByLabel("Distance in metres").fill("800");
  await active.getByLabel("Target", { exact: true }).selectOption("pace");
  await active.getByLabel("Fastest pace per km").fill("3:50");
  await active.getByLabel("Slowest pace per km").fill("4:00");
  await form.getByLabel("Times to repeat step 2").fill("6");

  // A crossed heart-rate range is refused with the step and the field named.
  const recovery = form.getByTestId("step-1.1");
  await recovery.getByLabel("Target", { exact: true }).selectOption("heart_rate");
  await recovery.getByLabel("Lowest heart rate").fill("150");
  await recovery.getByLabel("Highest heart rate").fill("120");
  await form.getByRole("button", { name: "Save workout" }).click();
  await expect(form.getByRole("alert")).toContainText("Step 2.2, target max bpm: must be at least minBpm");
  await recovery.getByLabel("Highest heart rate").fill("160");
  await form.getByRole("button", { name: "Save workout" }).click();

  const card = page.getByTestId("workout-card").filter({ hasText: "6 × 800 m" });
  await expect(card).toContainText("6 × (Active 800 m @ 3:50–4:00 /km · Recovery 5:00 @ 150–160 bpm)");
  await expect(card.getByText("Not sent anywhere yet.")).toBeVisible();
  await card.getByRole("button", { name: "Send to Garmin" }).click();
  await expect(card.getByRole("status")).toHaveText("Sent; on the calendar for 2027-03-04.");
  await expect(card.getByTestId("push-status")).toContainText("Sent");
  await expect(card.getByTestId("push-status")).toContainText("on the calendar for 2027-03-04");
  await saveScreenshot(page, "workouts-sent");
});
