/**
 * Where a request's time goes, from a V8 CPU profile of the `floor` workload: the profile is cut
 * into phases — the API answering the list, the API answering the detail, the floor answering
 * each — by which code ran in each 100 ms slice (our catalog or detail reads, or the floor's raw
 * SQL), and each phase's busy time is attributed to the part of the stack that caused it: the
 * nearest frame, walking up from the sampled one, that belongs to a known part (so a socket write
 * counts for the driver that wrote a statement, or for Fastify answering). Divided by the phase's
 * request count (from the bench's own table), it is the per-request cost of each part; the API
 * phase minus the floor phase is what the registry adds.
 *
 *   node --cpu-prof --cpu-prof-dir=/tmp/prof --expose-gc --import tsx bench/run.ts … --workloads floor
 *   node --import tsx bench/profile-split.ts /tmp/prof/CPU.*.0.001.cpuprofile [list,detail,floor-list,floor-detail requests]
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** The parts a request's time is attributed to, by where a frame's code lives. */
const PARTS: [string, RegExp][] = [
  [
    'logging (pino, request log)',
    /node_modules\/(pino|sonic-boom|pino-std-serializers)\/|src\/http\/request-log/,
  ],
  [
    'serialisation (fast-json-stringify)',
    /node_modules\/(fast-json-stringify|@fastify\/fast-json-stringify-compiler)\//,
  ],
  ['validation (ajv, TypeBox)', /node_modules\/(ajv|ajv-formats|@fastify\/ajv-compiler|typebox|@sinclair)\//],
  ['SQL building and row mapping (drizzle)', /node_modules\/drizzle-orm\//],
  [
    'driver (pg)',
    /node_modules\/(pg|pg-protocol|pg-pool|pg-types|postgres-date|postgres-array|postgres-bytea|postgres-interval)\//,
  ],
  [
    'Fastify, helmet, hooks',
    /node_modules\/(fastify|@fastify\/[^/]+|find-my-way|light-my-request|avvio|helmet|fast-querystring|content-type|secure-json-parse)\//,
  ],
  ['modelgraph (src)', /\/src\//],
  ['bench client and floor route', /\/bench\//],
];

const [file, countsArg] = process.argv.slice(2);
if (!file)
  throw new Error('usage: profile-split.ts <file.cpuprofile> [list,detail,floor-list,floor-detail requests]');
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const parentOf = new Map<number, number>();
for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);

const partCache = new Map<number, string>();
/** The part a sampled node's time belongs to: its own, or its nearest ancestor's with one. */
function partOf(id: number): string {
  const cached = partCache.get(id);
  if (cached) return cached;
  let part: string | undefined;
  for (let at: number | undefined = id; at !== undefined && !part; at = parentOf.get(at)) {
    const url = byId.get(at)?.callFrame.url ?? '';
    part = PARTS.find(([, pattern]) => pattern.test(url))?.[0];
  }
  const { functionName, url } = byId.get(id)?.callFrame ?? { functionName: '', url: '' };
  part ??=
    functionName === '(garbage collector)'
      ? 'garbage collector'
      : url
        ? 'node core (HTTP, sockets)'
        : functionName === '(program)'
          ? 'V8 (program)'
          : 'node core (HTTP, sockets)';
  partCache.set(id, part);
  return part;
}

/** Which phase a stack shows: the frames that only that phase runs. */
const MARKERS: [string, RegExp][] = [
  ['list', /src\/registry\/models\/model-catalog\.repository/],
  ['detail', /src\/registry\/models\/model-read\.service/],
  ['floor-list', /bench\/workloads\/list\.ts/],
  ['floor-detail', /bench\/workloads\/detail-compare\.ts/],
];
const markerCache = new Map<number, string | null>();
function markerOf(id: number): string | null {
  if (markerCache.has(id)) return markerCache.get(id) ?? null;
  let marker: string | null = null;
  for (let at: number | undefined = id; at !== undefined && !marker; at = parentOf.get(at)) {
    const url = byId.get(at)?.callFrame.url ?? '';
    marker = MARKERS.find(([, pattern]) => pattern.test(url))?.[0] ?? null;
  }
  markerCache.set(id, marker);
  return marker;
}

const SLICE_US = 100_000;
const slices = new Map<number, { marks: Map<string, number>; parts: Map<string, number>; busy: number }>();
let now = 0;
for (const [i, id] of profile.samples.entries()) {
  const delta = profile.timeDeltas[i] ?? 0;
  now += delta;
  if (byId.get(id)?.callFrame.functionName === '(idle)') continue;
  const key = Math.floor(now / SLICE_US);
  let slice = slices.get(key);
  if (!slice) {
    slice = { marks: new Map(), parts: new Map(), busy: 0 };
    slices.set(key, slice);
  }
  slice.busy += delta;
  const part = partOf(id);
  slice.parts.set(part, (slice.parts.get(part) ?? 0) + delta);
  const marker = markerOf(id);
  if (marker) slice.marks.set(marker, (slice.marks.get(marker) ?? 0) + 1);
}

const phases = new Map<string, { parts: Map<string, number>; busy: number; slices: number }>();
// A slice with no marker (only the driver's or the socket's callbacks ran: an async stack does not
// show who awaited) belongs to the phase before it, since the workload runs its phases one by one.
let phase: string | undefined;
for (const key of [...slices.keys()].sort((a, b) => a - b)) {
  const slice = slices.get(key) as { marks: Map<string, number>; parts: Map<string, number>; busy: number };
  phase = [...slice.marks].sort((a, b) => b[1] - a[1])[0]?.[0] ?? phase;
  if (!phase) continue;
  let sum = phases.get(phase);
  if (!sum) {
    sum = { parts: new Map(), busy: 0, slices: 0 };
    phases.set(phase, sum);
  }
  sum.busy += slice.busy;
  sum.slices += 1;
  for (const [part, time] of slice.parts) sum.parts.set(part, (sum.parts.get(part) ?? 0) + time);
}

const counts = new Map(
  (countsArg ?? '')
    .split(',')
    .filter(Boolean)
    .map((n, i) => [MARKERS[i][0], Number(n)] as const),
);
const names = [
  ...PARTS.map(([name]) => name),
  'node core (HTTP, sockets)',
  'garbage collector',
  'V8 (program)',
];
const header = ['part', ...MARKERS.map(([phase]) => phase)];
console.log(`| ${header.join(' | ')} |`);
console.log(`| ${header.map(() => '---').join(' | ')} |`);
const cell = (phase: string, time: number) => {
  const sum = phases.get(phase);
  if (!sum) return '—';
  const share = `${((100 * time) / sum.busy).toFixed(1)} %`;
  const n = counts.get(phase);
  return n ? `${Math.round(time / n)} µs (${share})` : share;
};
for (const name of names) {
  console.log(
    `| ${name} | ${MARKERS.map(([phase]) => cell(phase, phases.get(phase)?.parts.get(name) ?? 0)).join(' | ')} |`,
  );
}
console.log(
  `| busy, all parts | ${MARKERS.map(([phase]) => cell(phase, phases.get(phase)?.busy ?? 0)).join(' | ')} |`,
);
console.log(
  `\nslices of ${SLICE_US / 1000} ms per phase: ${MARKERS.map(([phase]) => `${phase} ${phases.get(phase)?.slices ?? 0}`).join(', ')}`,
);
