import { describe, expect, it } from "vitest";
import { attachmentDisposition } from "./content-disposition";

const ascii = (header: string) => /; filename="([^"]*)"/.exec(header)?.[1];
const utf8 = (header: string) => decodeURIComponent(/; filename\*=UTF-8''([^;\s]*)$/.exec(header)?.[1] ?? "");

describe("attachment disposition", () => {
  it("gives an ASCII name and the UTF-8 one", () => {
    const header = attachmentDisposition("2026-11-20 Über den Berg 朝.fit");
    expect(header.startsWith("attachment; ")).toBe(true);
    expect(ascii(header)).toBe("2026-11-20 Uber den Berg _.fit");
    expect(utf8(header)).toBe("2026-11-20 Über den Berg 朝.fit");
  });

  it("lets no quote, path, control character or leading dot through", () => {
    const header = attachmentDisposition('../..\\evil"; filename=x\r\n.fit');
    expect(header).not.toMatch(/[\r\n]/);
    expect(ascii(header)).not.toMatch(/[/\\"]/);
    expect(ascii(header)!.startsWith(".")).toBe(false);
    expect(utf8(header)).not.toMatch(/[/\\"\r\n]/);
    expect(utf8(header)).not.toBe("");
    expect(attachmentDisposition("...")).toContain('filename="download"');
  });
});
