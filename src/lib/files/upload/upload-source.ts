// Activities made from files people upload: their source slug (activities.provider) and name.
export const UPLOAD_PROVIDER = "upload";
export const UPLOAD_SOURCE_NAME = "Uploaded file";
