/**
 * Who may register which runtime (docs/security.md#runtimes-run-code-so-they-are-confined): the
 * rules a schema cannot say, checked once at registration. A `process` runtime runs code on the
 * server, so it needs `admin` unless its program is listed in `MODELGRAPH_RUNTIME_COMMANDS` — and
 * always with the sandbox off; its `env` may not steer the dynamic loader; its `cwd` must exist and,
 * like an `onnx` runtime's file, lie inside `MODELGRAPH_RUNTIME_PATHS` when that is set.
 */
import { realpath, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Caller, hasScope } from '../caller.ts';
import type { Config } from '../config.ts';
import { Forbidden, InvalidRequest } from '../errors.ts';
import type { Runtime } from './runtime.ts';
import { isWithin } from './sandbox-mounts.ts';

/** The part of the configuration the rules read. */
export type RuntimePolicyConfig = Pick<Config, 'runtimeCommands' | 'runtimeSandbox' | 'runtimePaths'>;

/** Variables that make the dynamic loader (glibc's, or macOS's) load code of the caller's choosing. */
const LOADER_VARIABLE = /^(LD|DYLD)_/i;

/** A path with `..` and every symbolic link resolved, also when its last parts do not exist yet. */
async function resolveReal(path: string): Promise<string> {
  try {
    return await realpath(path);
  } catch {
    const parent = dirname(path);
    return parent === path ? path : join(await resolveReal(parent), basename(path));
  }
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

/** Throws 400 naming `field` unless `path` lies inside one of the configured runtime paths. */
async function assertInsideRuntimePaths(path: string, field: string, paths: readonly string[]) {
  if (paths.length === 0) return;
  const real = await resolveReal(resolve(path));
  const roots = await Promise.all(paths.map(resolveReal));
  if (!roots.some((root) => isWithin(real, root))) {
    throw new InvalidRequest(
      `${field} must lie inside MODELGRAPH_RUNTIME_PATHS (${paths.join(', ')}); ${JSON.stringify(path)} resolves to ${real}`,
      { field },
    );
  }
}

function assertMayRegisterProcess(program: string, caller: Caller, config: RuntimePolicyConfig) {
  if (hasScope(caller, 'admin')) return;
  if (config.runtimeSandbox === 'off') {
    throw new Forbidden(
      "a process runtime runs on the server, and the sandbox is off (MODELGRAPH_RUNTIME_SANDBOX=off): registering one needs 'admin'",
    );
  }
  if (!config.runtimeCommands.includes(program)) {
    throw new Forbidden(
      "a process runtime runs on the server: registering one needs 'admin', unless its program (command[0]) is listed in MODELGRAPH_RUNTIME_COMMANDS",
    );
  }
}

/**
 * Throws `Forbidden` (403) when the caller may not register `runtime`, and `InvalidRequest` (400)
 * naming the field when the runtime breaks a rule of this server's configuration.
 */
export async function assertRuntimeAllowed(
  runtime: Runtime | null | undefined,
  caller: Caller,
  config: RuntimePolicyConfig,
): Promise<void> {
  if (runtime?.kind === 'onnx') {
    let path: string;
    try {
      path = fileURLToPath(runtime.uri);
    } catch {
      throw new InvalidRequest('runtime.uri must be a file: URL of a local path', { field: 'runtime.uri' });
    }
    await assertInsideRuntimePaths(path, 'runtime.uri', config.runtimePaths);
  }
  if (runtime?.kind !== 'process') return;
  assertMayRegisterProcess(runtime.command[0], caller, config);
  const loaderVariable = Object.keys(runtime.env ?? {}).find((name) => LOADER_VARIABLE.test(name));
  if (loaderVariable !== undefined) {
    throw new InvalidRequest(
      `runtime.env may not set ${loaderVariable}: LD_* and DYLD_* variables make every program load code of their choosing`,
      { field: `runtime.env.${loaderVariable}` },
    );
  }
  if (runtime.cwd !== undefined) {
    if (!(await isDirectory(runtime.cwd))) {
      throw new InvalidRequest('runtime.cwd must be an existing directory', { field: 'runtime.cwd' });
    }
    await assertInsideRuntimePaths(runtime.cwd, 'runtime.cwd', config.runtimePaths);
  }
}
