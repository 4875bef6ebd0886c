import { describe, expect, it } from "vitest";
import { isRefusalStatus, readProviderMessage } from "./stream-refusal";

describe("refusals", () => {
  it("counts every 4xx but 401, 408 and 429 as a refusal", () => {
    expect([400, 403, 404, 409, 410, 422].every(isRefusalStatus)).toBe(true);
    expect([401, 408, 429, 500, 503, 200].some(isRefusalStatus)).toBe(false);
  });

  it("reads the provider's words from the error bodies providers send", () => {
    expect(
      readProviderMessage(
        JSON.stringify({ error: { code: 400, message: "Invalid data type ID: floors", status: "INVALID_ARGUMENT" } }),
      ),
    ).toBe("INVALID_ARGUMENT: Invalid data type ID: floors");
    expect(
      readProviderMessage(
        JSON.stringify({ error: "invalid_grant", error_description: "Token has been expired or revoked." }),
      ),
    ).toBe("Token has been expired or revoked.");
    expect(
      readProviderMessage(JSON.stringify({ message: "Record Not Found", errors: [{ resource: "Athlete" }] })),
    ).toBe("Record Not Found");
    expect(readProviderMessage(JSON.stringify({ errors: [{ detail: "Unknown summary type" }] }))).toBe(
      "Unknown summary type",
    );
    expect(readProviderMessage("User has not accepted all mandatory consents.")).toBe(
      "User has not accepted all mandatory consents.",
    );
    expect(readProviderMessage("<html><body>Bad Request</body></html>")).toBeUndefined();
    expect(readProviderMessage(JSON.stringify({ unexpected: true }))).toBeUndefined();
    expect(readProviderMessage("x".repeat(1000))).toHaveLength(300);
  });
});
