import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "./password";

describe("password hashing", () => {
  it("verifies the right password and refuses a wrong one", async () => {
    const stored = await hashPassword("a long enough passphrase");
    expect(await verifyPassword("a long enough passphrase", stored)).toBe(true);
    expect(await verifyPassword("a long enough passphrasE", stored)).toBe(false);
  });

  it("salts each hash and keeps its parameters beside it", async () => {
    const [first, second] = await Promise.all([hashPassword("same password!"), hashPassword("same password!")]);
    expect(first).not.toBe(second);
    expect(first).toMatch(/^scrypt\$32768\$8\$1\$/);
  });

  it("refuses a stored value that is not one of our hashes", async () => {
    expect(await verifyPassword("anything", "plaintext")).toBe(false);
  });
});
