export type SlackApiErrorCode =
  /** Slack answered `ok: false`; `slackError` is its error ("channel_not_found"). */
  | 'SLACK_API_ERROR'
  /** Still rate-limited (429) after every retry. */
  | 'SLACK_RATE_LIMITED'
  /** No usable answer: a connection error or an HTTP status Slack does not use for API errors. */
  | 'SLACK_HTTP_ERROR';

/** A Web API call that failed for good. It names the method and Slack's error only: never the token or the message. */
export class SlackApiError extends Error {
  readonly code: SlackApiErrorCode;
  readonly method: string;
  readonly slackError: string;
  /** Seconds Slack asked us to wait, when it rate-limited the call. */
  readonly retryAfter: number | undefined;

  constructor(code: SlackApiErrorCode, method: string, slackError: string, retryAfter?: number) {
    super(`${method}: ${slackError}`);
    this.name = 'SlackApiError';
    this.code = code;
    this.method = method;
    this.slackError = slackError;
    this.retryAfter = retryAfter;
  }
}

/** Slack's error name ("channel_not_found") from a Web API client error (its `data.error`), if it has one. */
export function slackErrorCode(error: unknown): string | undefined {
  const data = (error as { data?: { error?: unknown } } | undefined)?.data;
  return typeof data?.error === 'string' ? data.error : undefined;
}
