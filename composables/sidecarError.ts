// What the sidecar refused (its error code, a presenter-friendly message, the detail), or NO_SIDECAR when it could not
// be asked: the rejection of every request on the page's channel (sidecarChannel.ts).

export class ApiError extends Error {
  constructor(readonly code: string, message: string, readonly detail?: string) {
    super(message);
    this.name = 'ApiError';
  }
}

export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) return err.detail ? `${err.message} ${err.detail}` : err.message;
  return err instanceof Error ? err.message : String(err);
}
