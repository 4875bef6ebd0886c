// Google's API error envelope (google.rpc.Status), with an ErrorInfo reason when Google gives one.
export const apiError = (code: number, status: string, message: string, reason?: string) =>
  Response.json(
    {
      error: {
        code,
        message,
        status,
        ...(reason
          ? { details: [{ "@type": "type.googleapis.com/google.rpc.ErrorInfo", reason, domain: "googleapis.com" }] }
          : {}),
      },
    },
    { status: code },
  );

export const unauthenticated = () =>
  apiError(401, "UNAUTHENTICATED", "Request had invalid authentication credentials. Expected OAuth 2 access token.");

export const invalidArgument = (message: string, reason?: string) => apiError(400, "INVALID_ARGUMENT", message, reason);
