import { expect, it } from "vitest";
import { garthTokenFiles } from "@tests/garth-driver";
import { setUpSandboxServer } from "@tests/sandbox-for-tests";

const sandbox = setUpSandboxServer();

async function upload(token: string | undefined, name: string, bytes: Uint8Array<ArrayBuffer>, domain = "garmin.com") {
  const form = new FormData();
  form.append("file", new Blob([bytes]), name);
  const response = await fetch(`${sandbox.url}/connectapi.${domain}/upload-service/upload`, {
    method: "POST",
    headers: token ? { authorization: `Bearer ${token}` } : {},
    body: form,
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

it("plays Connect's upload: the extension decides, a second copy is a duplicate, tokens stay on their domain", async () => {
  const files = await garthTokenFiles(sandbox.url, { username: "ada", password: "a sandbox password" });
  const token = files["oauth2_token.json"].access_token;
  const fit = new Uint8Array([14, 0x10, 0, 0, 0, 0, 0, 0, ...Buffer.from(".FIT"), 1, 2, 3]);
  const first = await upload(token, "morning.fit", fit);
  expect(first.status).toBe(201);
  expect(first.body).toMatchObject({
    detailedImportResult: { fileName: "morning.fit", successes: [{ internalId: expect.any(Number) }] },
  });
  const again = await upload(token, "morning.fit", fit);
  expect(again.status).toBe(409);
  expect(JSON.stringify(again.body)).toContain("Duplicate Activity.");
  expect((await upload(token, "notes.txt", fit)).status).toBe(415);
  expect((await upload(undefined, "morning.fit", fit)).status).toBe(401);
  // A garmin.com token means nothing to garmin.cn.
  expect((await upload(token, "morning.fit", fit, "garmin.cn")).status).toBe(401);
});
