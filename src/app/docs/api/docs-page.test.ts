import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ENDPOINTS } from "@/lib/api-v1/endpoints";
import ApiDocsPage from "./page";

describe("the API docs page", () => {
  it("lists every /api/v1 endpoint with its parameters, from the OpenAPI document", () => {
    const html = renderToStaticMarkup(ApiDocsPage());
    for (const endpoint of ENDPOINTS) {
      expect(html).toContain(endpoint.path);
      expect(html).toContain(`id="${endpoint.name}"`);
    }
    // Types as a reader says them, and the link to the whole-account zip.
    expect(html).toContain("date | date-time");
    expect(html).toContain("csv | json");
    expect(html).toContain("/api/files/export");
    expect(html).toContain('href="/api/v1/openapi.json"');
  });
});
