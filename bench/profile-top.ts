/**
 * The top of a V8 CPU profile (`node --cpu-prof`): self time by function, with where it lives,
 * and the same summed by package (or `modelgraph` for our own files), so a profile of a bench run
 * can be read in a terminal.
 *
 *   node --cpu-prof --cpu-prof-dir=/tmp/prof --import tsx bench/run.ts … --workloads floor
 *   node --import tsx bench/profile-top.ts /tmp/prof/CPU.*.cpuprofile [how many]
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const [file, howMany = '25'] = process.argv.slice(2);
if (!file) throw new Error('usage: profile-top.ts <file.cpuprofile> [how many]');
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const selfMs = new Map<number, number>();
for (const [i, id] of profile.samples.entries()) {
  selfMs.set(id, (selfMs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
}
const isIdle = (id: number) => byId.get(id)?.callFrame.functionName === '(idle)';
// Busy time only: the share of what the process spent working, not of the wall clock.
const total = [...selfMs].filter(([id]) => !isIdle(id)).reduce((sum, [, value]) => sum + value, 0);

function packageOf(url: string): string {
  const inModules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (inModules) return inModules[1];
  if (url.includes('/src/')) return 'modelgraph src';
  if (url.includes('/bench/')) return 'bench (client, floor)';
  if (url.startsWith('node:')) return 'node core';
  return url;
}

const byFunction = new Map<string, number>();
const byPackage = new Map<string, number>();
for (const [id, time] of selfMs) {
  const { functionName, url, lineNumber } = byId.get(id)?.callFrame ?? {
    functionName: '?',
    url: '',
    lineNumber: 0,
  };
  if (!url && functionName === '(idle)') continue;
  const where = url
    ? `${url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*\/(src|bench)\//, '$1/')}:${lineNumber + 1}`
    : '';
  const key = `${functionName || '(anonymous)'} ${where}`;
  byFunction.set(key, (byFunction.get(key) ?? 0) + time);
  const pkg = url ? packageOf(url) : functionName;
  byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + time);
}
const print = (title: string, entries: Map<string, number>, n: number) => {
  console.log(`\n${title} (share of ${(total / 1000).toFixed(1)} s busy)`);
  for (const [key, time] of [...entries].sort((a, b) => b[1] - a[1]).slice(0, n)) {
    console.log(`${((100 * time) / total).toFixed(1).padStart(5)} %  ${key}`);
  }
};
print('Self time by package', byPackage, 15);
print('Self time by function', byFunction, Number(howMany));
