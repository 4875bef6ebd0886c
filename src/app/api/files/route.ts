// POST /api/files — upload FIT, GPX or TCX files (multipart, field "file"), session or X-API-Key.
import { getDb } from "@/lib/db";
import { getFileStore } from "@/lib/files";
import { handleFileUpload } from "@/lib/files/upload/handle-upload";

export const dynamic = "force-dynamic";

export async function POST(request: Request) {
  return handleFileUpload(await getDb(), getFileStore(), request);
}
