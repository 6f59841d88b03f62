// One error type for the whole sidecar. `code` comes from a single list; the error middleware maps it to an
// HTTP status and sends only {code, message, detail}. (The deck's /api proxy, a separate process, answers NO_SIDECAR
// itself when there is no sidecar to ask.)

export const ERROR_STATUS = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN_ORIGIN: 403,
  FORBIDDEN_HOST: 403,
  EDIT_NOT_ENABLED: 403,
  /** a drill's answer asked for before Reveal, by a drill that did not opt in to the interviewer's peek */
  ANSWER_HIDDEN: 403,
  UNKNOWN_SNIPPET: 404,
  /** a snippet file of the deck that cannot be parsed: the message names the file and what is wrong */
  SNIPPET_INVALID: 500,
  UNKNOWN_RUN: 404,
  NOT_FOUND: 404,
  INVALID_STATE: 409,
  /** a request body (or a message on the page's channel) above the size limit */
  PAYLOAD_TOO_LARGE: 413,
  /** too many runs at once: refused at once rather than queued */
  BUSY: 429,
  NODE_FROZEN: 503,
  NODE_DOWN: 503,
  TIMEOUT: 504,
  /** the client took too long to send its request */
  REQUEST_TIMEOUT: 408,
  /** a run stopped on request (nginx's "client closed request"); reported in run results rather than thrown */
  CANCELLED: 499,
  TOOL_MISSING: 501,
  OPERATION_FAILED: 500,
  INTERNAL: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export class DemoError extends Error {
  readonly code: ErrorCode;
  readonly detail?: string;

  constructor(code: ErrorCode, message: string, options: { detail?: string; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'DemoError';
    this.code = code;
    this.detail = options.detail;
  }

  get httpStatus(): number {
    return ERROR_STATUS[this.code];
  }
}

export function isDemoError(err: unknown): err is DemoError {
  return err instanceof DemoError;
}

export function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
