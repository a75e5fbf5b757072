import { DomainError } from '../errors.ts';

/**
 * A model version's runtime is missing, malformed or cannot start (command not found or not shown
 * by the sandbox, ONNX file missing, inference server unreachable or refused, the sandbox cannot
 * start for a runtime `admin` did not register). The caller fails the whole pass for that promotion.
 */
export class RuntimeUnavailable extends DomainError {
  readonly code = 'runtime_unavailable';
}

/**
 * One batch could not be scored: the message names the cause (exit code, timeout, bad JSON on a
 * line, missing id, value out of range, HTTP status…). Every item of the batch counts as failed.
 */
export class BatchFailed extends DomainError {
  readonly code = 'batch_failed';
  /** What the model process wrote on stderr (its tail), kept for the tool-call record. */
  readonly stderr?: string;

  constructor(message: string, stderr?: string) {
    super(message);
    this.stderr = stderr;
  }
}
