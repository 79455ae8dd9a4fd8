/** Stable codes, so callers branch on the code and one place words the message for a user. */
export type PolicyDeskErrorCode =
  | 'PACK_INVALID'
  | 'UNKNOWN_COUNCIL'
  | 'INVALID_QUESTION'
  | 'INVALID_ARGUMENTS'
  | 'INVALID_CONFIG'
  | 'FILE_UNREADABLE';

export class PolicyDeskError extends Error {
  readonly code: PolicyDeskErrorCode;

  constructor(code: PolicyDeskErrorCode, message: string) {
    super(message);
    this.name = 'PolicyDeskError';
    this.code = code;
  }
}

export function isPolicyDeskError(error: unknown): error is PolicyDeskError {
  return error instanceof PolicyDeskError;
}
