/**
 * `modelgraph retract` and `modelgraph reinstate`: a retraction from the command line
 * (docs/concepts.md#retraction), through the same commands as `POST /api/artifacts/{id}/retract`
 * and `/reinstate`, acting as admin, with a one-line summary on stdout.
 */
import { parseArgs } from 'node:util';
import { actingAs } from '../caller.ts';
import type { Config } from '../config.ts';
import type { Logger } from '../logger.ts';
import type { ReinstatementOutcome, RetractionOutcome } from '../retraction/core/outcome.ts';
import { UsageError } from './cli-failure.ts';

// The embedded database is one process's: a server holding it keeps the CLI out (use the API then).
const EMBEDDED_NOTE = `                        on the embedded database only while no server holds it (else use the API)`;

/** The usage lines of `retract` and `reinstate`. */
export const RETRACT_USAGE = `  retract <artifact-id> [--version N] --reason TEXT [--evidence-url URL] [--dry-run]
                        retract a dataset, analysis or benchmark (or one version): flag and cap every
                        model version built on it, flag their edges for review; print a summary
${EMBEDDED_NOTE}
  reinstate <artifact-id> [--version N] --reason TEXT [--dry-run]
                        end that retraction (kept in the history): the versions no other retraction
                        reaches get their scores back; print a summary
${EMBEDDED_NOTE}`;

/** The operator at the command line acts as admin. */
const CLI = actingAs('cli');

/** What both commands are given: the artifact, the version, why, and whether only to look. */
interface RetractArgs {
  artifactId: string;
  version?: number;
  reason: string;
  evidenceUrl?: string;
  dryRun: boolean;
}

/** Reads `<artifact-id> [--version N] --reason TEXT [--evidence-url URL] [--dry-run]`; throws a usage line. */
export function parseRetractArgs(command: 'retract' | 'reinstate', args: string[]): RetractArgs {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      version: { type: 'string' },
      reason: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      ...(command === 'retract' ? { 'evidence-url': { type: 'string' as const } } : {}),
    },
  });
  const [artifactId, ...extra] = positionals;
  if (!artifactId || extra.length > 0 || values.reason === undefined) {
    throw new UsageError(`${command} needs one artifact id and --reason TEXT`);
  }
  const version = values.version === undefined ? undefined : Number(values.version);
  if (version !== undefined && !(Number.isInteger(version) && version >= 1)) {
    throw new UsageError('--version must be a version number (1, 2, …)');
  }
  const evidenceUrl = (values as { 'evidence-url'?: string })['evidence-url'];
  return { artifactId, version, reason: values.reason, evidenceUrl, dryRun: values['dry-run'] };
}

const targetOf = (outcome: { artifactId: string; version: number | null }) =>
  outcome.version === null ? outcome.artifactId : `${outcome.artifactId} v${outcome.version}`;
const versions = (n: number) => `${n} model version${n === 1 ? '' : 's'}`;
const edges = (n: number) => `${n} edge${n === 1 ? '' : 's'}`;

/** The one line a retraction prints. */
export function summarizeRetraction(outcome: RetractionOutcome): string {
  const affected = versions(outcome.affectedModels.length);
  return outcome.dryRun
    ? `dry run: retracting ${targetOf(outcome)} would flag ${affected} and ${edges(outcome.flaggedEdges)} for review; nothing was written`
    : `retracted ${targetOf(outcome)}: ${affected} flagged and capped, ${edges(outcome.flaggedEdges)} flagged for review`;
}

/** The one line a reinstatement prints. */
export function summarizeReinstatement(outcome: ReinstatementOutcome): string {
  const restored = versions(outcome.restoredModels.length);
  const reached = outcome.affectedModels.length;
  return outcome.dryRun
    ? `dry run: reinstating ${targetOf(outcome)} would give ${restored} back their scores (of ${reached} built on it); nothing was written`
    : `reinstated ${targetOf(outcome)}: ${restored} got their scores back (of ${reached} built on it); edges keep their review flags`;
}

/** The store and the retraction service, loaded once the arguments are read. */
const loadRetraction = () =>
  Promise.all([
    import('../app-deps.ts'),
    import('../retraction/retraction.service.ts'),
    import('../unit-of-work.ts'),
  ]);

/** Runs `modelgraph retract …`. */
export async function runRetract(config: Config, logger: Logger, args: string[]): Promise<void> {
  const parsed = parseRetractArgs('retract', args);
  const [{ withAppDeps }, { retractArtifact }, { runInUnit }] = await loadRetraction();
  await withAppDeps(config, { logger }, async (deps) => {
    const outcome = await runInUnit(deps, (unit) => retractArtifact(deps, { unit, caller: CLI, ...parsed }));
    process.stdout.write(`${summarizeRetraction(outcome)}\n`);
  });
}

/** Runs `modelgraph reinstate …`. */
export async function runReinstate(config: Config, logger: Logger, args: string[]): Promise<void> {
  const parsed = parseRetractArgs('reinstate', args);
  const [{ withAppDeps }, { reinstateArtifact }, { runInUnit }] = await loadRetraction();
  await withAppDeps(config, { logger }, async (deps) => {
    const outcome = await runInUnit(deps, (unit) =>
      reinstateArtifact(deps, { unit, caller: CLI, ...parsed }),
    );
    process.stdout.write(`${summarizeReinstatement(outcome)}\n`);
  });
}
