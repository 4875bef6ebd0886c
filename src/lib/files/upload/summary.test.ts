import { describe, expect, it } from "vitest";
import { formatFileSize } from "../format-size";
import { fileTooLargeMessage, summarizeUploads, uploadSummaryText } from "./summary";

describe("upload summary", () => {
  it("counts each outcome and says only the ones that happened", () => {
    const summary = summarizeUploads([
      { status: "created" },
      { status: "failed" },
      { status: "created" },
      { status: "duplicate" },
      { status: "created" },
    ]);
    expect(summary).toEqual({ created: 3, duplicate: 1, already_uploaded: 0, failed: 1 });
    expect(uploadSummaryText(summary)).toBe("3 new, 1 duplicate, 1 failed");
    expect(uploadSummaryText(summarizeUploads([{ status: "already_uploaded" }]))).toBe("1 already uploaded");
    expect(uploadSummaryText(summarizeUploads([]))).toBe("");
  });

  it("names the file and the limit when a file is too large", () => {
    expect(fileTooLargeMessage("long.fit", 100 * 1024 * 1024)).toBe(
      "long.fit is larger than the 100 MB limit for one file (QT_FILE_MAX_MB).",
    );
    expect(fileTooLargeMessage(null, 1024 * 1024)).toMatch(/^A file is larger than the 1 MB limit/);
  });

  it("writes sizes as people read them", () => {
    expect(formatFileSize(300)).toBe("300 bytes");
    expect(formatFileSize(2048)).toBe("2 KB");
    expect(formatFileSize(2.5 * 1024 * 1024)).toBe("2.5 MB");
    expect(formatFileSize(401 * 1024 * 1024)).toBe("401 MB");
  });
});
