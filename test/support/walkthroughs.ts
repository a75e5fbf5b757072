/**
 * The walk-throughs of the READMEs, read from the Markdown itself so the tests never hold a copy:
 * a fenced `sh`/`bash`/`python` block preceded by `<!-- walkthrough: NAME -->` is (a part of) the
 * walk-through NAME. Options follow the name, separated by `;`: `needs: A, B` (walk-throughs run
 * first in the same shell session) and `venv: client|dev` (the Python virtualenv a reader would
 * have activated). Several blocks with one name are its parts, in document order. A block that
 * talks to the server without being one says why: `<!-- not a walk-through: REASON -->`.
 */
import { readFileSync } from 'node:fs';
import type { PythonVenv } from './python.ts';

/** One fenced block of a walk-through. */
export interface WalkthroughPart {
  language: 'sh' | 'python';
  code: string;
  /** The 1-based line of the block's opening fence. */
  line: number;
}

/** A walk-through: its parts in order, what it needs run before it, and its venv. */
export interface Walkthrough {
  name: string;
  file: string;
  needs: string[];
  venv: PythonVenv | undefined;
  parts: WalkthroughPart[];
}

/** A fenced block that is not marked either way although it talks to the server. */
export interface UnmarkedBlock {
  file: string;
  line: number;
  firstLine: string;
}

const MARKER = /^<!--\s*walkthrough:\s*(.+?)\s*-->$/;
const OPT_OUT = /^<!--\s*not a walk-through:\s*\S.*-->$/;
const FENCE = /^```(\w*)\s*$/;
/** What makes a block a walk-through against the server. */
const TALKS_TO_SERVER = /127\.0\.0\.1:8080|\$API\b|\bClient\(/;

function parseMarker(text: string, file: string, line: number) {
  const [name, ...options] = text.split(';').map((part) => part.trim());
  let needs: string[] = [];
  let venv: PythonVenv | undefined;
  for (const option of options) {
    const [key, value = ''] = option.split(':').map((part) => part.trim());
    if (key === 'needs') needs = value.split(',').map((need) => need.trim());
    else if (key === 'venv' && (value === 'client' || value === 'dev' || value === 'kgx')) venv = value;
    else throw new Error(`${file}:${line}: unknown walk-through option '${option}'`);
  }
  if (!/^[a-z0-9-]+$/.test(name))
    throw new Error(`${file}:${line}: walk-through names are kebab-case, got '${name}'`);
  return { name, needs, venv };
}

/** Reads the walk-throughs of one Markdown file, and the server-talking blocks left unmarked. */
export function readWalkthroughs(file: string): { walkthroughs: Walkthrough[]; unmarked: UnmarkedBlock[] } {
  const lines = readFileSync(file, 'utf8').split('\n');
  const byName = new Map<string, Walkthrough>();
  const unmarked: UnmarkedBlock[] = [];
  let previous = '';
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index].trim();
    const fence = FENCE.exec(line);
    if (!fence) {
      if (line !== '') previous = line;
      continue;
    }
    const start = index;
    const body: string[] = [];
    for (index++; index < lines.length && lines[index].trim() !== '```'; index++) body.push(lines[index]);
    const code = `${body.join('\n')}\n`;
    const marker = MARKER.exec(previous);
    const language =
      fence[1] === 'python' ? 'python' : fence[1] === 'sh' || fence[1] === 'bash' ? 'sh' : undefined;
    if (marker) {
      if (!language) throw new Error(`${file}:${start + 1}: a walk-through block must be sh, bash or python`);
      const { name, needs, venv } = parseMarker(marker[1], file, start + 1);
      const walkthrough = byName.get(name) ?? { name, file, needs: [], venv: undefined, parts: [] };
      walkthrough.needs.push(...needs);
      walkthrough.venv = venv ?? walkthrough.venv;
      walkthrough.parts.push({ language, code, line: start + 1 });
      byName.set(name, walkthrough);
    } else if (language && TALKS_TO_SERVER.test(code) && !OPT_OUT.test(previous)) {
      unmarked.push({ file, line: start + 1, firstLine: body[0] ?? '' });
    }
    previous = '';
  }
  return { walkthroughs: [...byName.values()], unmarked };
}

/** The walk-throughs `name` needs, each once, deepest first, then `name` itself. */
export function withNeeds(
  name: string,
  all: ReadonlyMap<string, Walkthrough>,
  seen = new Set<string>(),
): Walkthrough[] {
  const walkthrough = all.get(name);
  if (!walkthrough) throw new Error(`unknown walk-through '${name}'`);
  if (seen.has(name)) return [];
  seen.add(name);
  return [...walkthrough.needs.flatMap((need) => withNeeds(need, all, seen)), walkthrough];
}

/** How a script reaches the test's server and its Python. */
export interface ScriptTarget {
  /** Replaces the README's `http://127.0.0.1:8080`. */
  baseUrl: string;
  /** The interpreter Python parts run with. */
  python: string;
}

/** A fence for Python heredocs that no walk-through contains. */
const PYTHON_END = 'END_OF_WALKTHROUGH_PYTHON';

/**
 * One bash script for a walk-through and what it needs, as a reader would type it into one
 * terminal: shell parts as written, Python parts fed to the venv's interpreter. `curl` fails on an
 * HTTP error (showing the body), so a refused request fails the walk-through.
 */
export function scriptOf(walkthroughs: Walkthrough[], target: ScriptTarget): string {
  // Consecutive Python parts are one session, as a reader types them into one interpreter.
  const runs: WalkthroughPart[] = [];
  for (const part of walkthroughs.flatMap((walkthrough) => walkthrough.parts)) {
    const last = runs.at(-1);
    if (last && last.language === 'python' && part.language === 'python') {
      runs[runs.length - 1] = { ...last, code: `${last.code}\n${part.code}` };
    } else runs.push(part);
  }
  const body = runs.map((part) => {
    const code = part.code.replaceAll('http://127.0.0.1:8080', target.baseUrl);
    if (part.language === 'sh') return code;
    if (code.includes(PYTHON_END)) throw new Error(`a Python part contains ${PYTHON_END}`);
    return `"$WALKTHROUGH_PYTHON" - <<'${PYTHON_END}'\n${code}${PYTHON_END}\n`;
  });
  return [
    'set -euo pipefail',
    `WALKTHROUGH_PYTHON=${JSON.stringify(target.python)}`,
    'curl() { command curl --fail-with-body "$@"; }',
    ...body,
  ].join('\n');
}

/** The environment assignments of the README's server start line (`NAME=value … npm start`). */
export function serverEnvironment(file: string): Record<string, string> {
  const text = readFileSync(file, 'utf8');
  const block = /<!--\s*walkthrough-server\s*-->\s*```\w*\n([\s\S]*?)```/.exec(text);
  if (!block) throw new Error(`${file} has no <!-- walkthrough-server --> block`);
  const command = block[1].replaceAll('\\\n', ' ');
  const env: Record<string, string> = {};
  for (const [, name, value] of command.matchAll(/\b([A-Z][A-Z0-9_]*)=("[^"]*"|'[^']*'|\S+)/g)) {
    env[name] = value.replace(/^["']|["']$/g, '');
  }
  if (!/npm start/.test(command))
    throw new Error(`${file}'s walkthrough-server block does not run npm start`);
  return env;
}
