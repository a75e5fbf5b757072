/**
 * How the command line reports a failure: one sentence that names what to change — a flag, a
 * variable, an id — and an exit status, 2 for a command used wrongly and 1 for everything else.
 * Never a stack trace, never an SQL statement or its parameters.
 */
import { ConfigError } from '../config.ts';
import { DataDirInUse } from '../db/data-dir-lock.ts';
import { DomainError } from '../errors.ts';
import { CannotListen } from '../http/listen-check.ts';
import { describeDatabaseFailure } from './database-failure.ts';

/** A command used wrongly: an unknown or malformed flag, a missing argument (exit status 2). */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** What the command line prints (after `modelgraph: `) and the status it exits with. */
export interface CliFailure {
  message: string;
  exitCode: 1 | 2;
}

/** Where the failure happened: the command that ran, and the database it was given. */
export interface FailureContext {
  command?: string;
  databaseUrl?: string;
}

// Domain errors that mean the input itself was malformed: the command line's usage errors.
const USAGE_CODES = new Set(['invalid_request', 'unknown_parameter']);

/** node:util parseArgs's errors, in the command line's words. */
function describeParseArgs(
  error: Error & { code?: string },
  command: string | undefined,
): string | undefined {
  const named = /'([^']+)'/.exec(error.message)?.[1]?.replace(/ <value>$/, '');
  const help = `modelgraph --help lists the options of ${command ?? 'each command'}`;
  switch (error.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `unknown option ${named} for ${command}: ${help}`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      if (/argument missing/.test(error.message))
        return `the option ${named} of ${command} needs a value: ${help}`;
      if (/ambiguous/.test(error.message))
        return `the value of ${named} starts with '-': write ${named}=<value>`;
      return `the option ${named} of ${command} takes no value: ${help}`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `unexpected argument '${named}' for ${command}: ${help}`;
    default:
      return undefined;
  }
}

/** The first line of an error's message, or of its cause's when it wraps a failed query. */
function plainMessage(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  // Drizzle's wrapper prints the statement and its parameters; the driver's own error says what failed.
  if (error.message.startsWith('Failed query:') && error.cause instanceof Error)
    return plainMessage(error.cause);
  return (error.message.split('\n')[0] || error.name).trim();
}

/** Turns anything a command threw into the sentence and exit status the command line reports. */
export function describeFailure(error: unknown, context: FailureContext = {}): CliFailure {
  if (error instanceof UsageError || error instanceof ConfigError)
    return { message: error.message, exitCode: 2 };
  if (error instanceof DataDirInUse || error instanceof CannotListen)
    return { message: error.message, exitCode: 1 };
  if (error instanceof DomainError) {
    return { message: error.message, exitCode: USAGE_CODES.has(error.code) ? 2 : 1 };
  }
  const parseArgs = error instanceof Error ? describeParseArgs(error, context.command) : undefined;
  if (parseArgs) return { message: parseArgs, exitCode: 2 };
  const database = context.databaseUrl ? describeDatabaseFailure(error, context.databaseUrl) : undefined;
  if (database) return { message: database, exitCode: 1 };
  return { message: plainMessage(error), exitCode: 1 };
}
