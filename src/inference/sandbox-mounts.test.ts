import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { buildBwrapArgs, explainSandboxExit } from './sandbox-argv.ts';
import { type HostView, isShownBy, isWithin, planMounts } from './sandbox-mounts.ts';

const view: HostView = {
  systemDirs: ['/etc', '/lib64', '/usr'],
  systemLinks: [
    { path: '/bin', target: 'usr/bin' },
    { path: '/lib', target: 'usr/lib' },
  ],
  serverDirs: ['/srv/modelgraph', '/root'],
  hidden: [
    { path: '/etc/shadow', isDirectory: false },
    { path: '/srv/modelgraph/data', isDirectory: true },
    { path: '/run', isDirectory: true },
  ],
};

const limits = { tmpMb: 16, memoryMb: 512, cpuSeconds: 30 };

describe('planMounts', () => {
  it('shows the system directories and the own ones, and nothing else of the host', () => {
    const mounts = planMounts(view, ['/opt/models']);
    for (const path of ['/usr/bin/python3', '/bin/sh', '/etc/passwd', '/opt/models/eval.py']) {
      assert.ok(isShownBy(path, mounts), path);
    }
    for (const path of [
      '/opt/other',
      '/home/alice',
      '/srv/modelgraph/.env',
      '/root/.ssh/id_ed25519',
      '/tmp/x',
    ]) {
      assert.equal(isShownBy(path, mounts), false, path);
    }
  });

  it('hides secrets and the data directory even inside what it shows', () => {
    const mounts = planMounts(view, ['/srv/modelgraph/models', '/srv/modelgraph/data']);
    assert.equal(isShownBy('/etc/shadow', mounts), false);
    assert.equal(isShownBy('/srv/modelgraph/data/pglite', mounts), false);
    assert.ok(isShownBy('/srv/modelgraph/models/m.py', mounts));
  });

  it("hides the server's directories behind a cwd of / and shows the own directories inside them", () => {
    const mounts = planMounts(view, ['/', '/root/.pyenv/versions/3.11.7']);
    for (const path of [
      '/srv/modelgraph/package.json',
      '/root/.bash_history',
      '/run/postgresql/.s.PGSQL.5432',
    ]) {
      assert.equal(isShownBy(path, mounts), false, path);
    }
    assert.ok(isShownBy('/root/.pyenv/versions/3.11.7/bin/python3.11', mounts));
    assert.ok(isShownBy('/home/alice/notes', mounts), 'what the operator chose to show');
    assert.equal(isShownBy('/tmp/.X11-unix/X0', mounts), false, "the host's /tmp never shows");
    assert.equal(isShownBy('/proc/1/environ', mounts), false, 'a fresh /proc');
  });

  it('shows an own directory under /tmp on top of the private /tmp, and never binds /proc, /dev or /sys', () => {
    const mounts = planMounts(view, [
      '/tmp/run-1/models',
      '/tmp',
      '/proc/1',
      '/sys/kernel',
      '/lib/x86_64-linux-gnu',
    ]);
    assert.ok(isShownBy('/tmp/run-1/models/m.mjs', mounts));
    assert.equal(isShownBy('/tmp/run-1/other', mounts), false);
    assert.equal(isShownBy('/tmp/other', mounts), false);
    const bound = mounts.filter((mount) => mount.kind === 'bind').map((mount) => mount.path);
    assert.deepEqual(bound, ['/etc', '/lib64', '/usr', '/tmp/run-1/models']);
  });

  it('never shows a hidden path, nor a server file outside an own directory inside it, whatever is own', () => {
    const segment = fc.constantFrom(
      'srv',
      'modelgraph',
      'data',
      'root',
      'tmp',
      'etc',
      'models',
      'run',
      'opt',
      'x',
    );
    const path = fc.array(segment, { minLength: 0, maxLength: 4 }).map((parts) => `/${parts.join('/')}`);
    fc.assert(
      fc.property(fc.array(path, { maxLength: 6 }), fc.array(path, { maxLength: 6 }), (own, probes) => {
        const mounts = planMounts(view, own);
        const candidates = [...probes, ...own, ...own.map((dir) => `${dir}/file`)];
        for (const probe of candidates.filter((candidate) => isShownBy(candidate, mounts))) {
          assert.ok(!view.hidden.some((hidden) => isWithin(probe, hidden.path)), `${probe} is hidden`);
          for (const server of view.serverDirs.filter((dir) => isWithin(probe, dir))) {
            const ownInside = own.some(
              (dir) => dir !== server && isWithin(dir, server) && isWithin(probe, dir),
            );
            assert.ok(ownInside, `${probe} lies in the server's ${server} outside any own directory`);
          }
          const tmpOwn = own.some((dir) => dir !== '/tmp' && isWithin(dir, '/tmp') && isWithin(probe, dir));
          assert.ok(!isWithin(probe, '/tmp') || tmpOwn, `${probe} is the host's /tmp`);
        }
      }),
    );
  });

  it('shows every own directory that is neither hidden, nor a server directory, nor /tmp', () => {
    const segment = fc.constantFrom('opt', 'models', 'srv', 'modelgraph', 'lab', 'x');
    const dir = fc.array(segment, { minLength: 1, maxLength: 4 }).map((parts) => `/${parts.join('/')}`);
    fc.assert(
      fc.property(fc.array(dir, { minLength: 1, maxLength: 5 }), (own) => {
        const mounts = planMounts(view, own);
        for (const path of own) {
          const isHidden = view.hidden.some((hidden) => isWithin(path, hidden.path));
          if (isHidden || view.serverDirs.includes(path)) continue;
          assert.ok(isShownBy(`${path}/script.py`, mounts), path);
        }
      }),
    );
  });
});

describe('buildBwrapArgs', () => {
  const run = { command: ['/usr/bin/python3', 'eval.py'], cwd: '/opt/models', limits };

  it('unshares every namespace, dies with its parent, and runs the command last, limited', () => {
    const args = buildBwrapArgs({ ...run, mounts: planMounts(view, ['/opt/models']), isRoot: false });
    for (const flag of [
      '--unshare-user',
      '--unshare-pid',
      '--unshare-net',
      '--unshare-ipc',
      '--unshare-uts',
      '--die-with-parent',
      '--new-session',
      '--disable-userns',
    ]) {
      assert.ok(args.includes(flag), flag);
    }
    assert.deepEqual(args.slice(args.indexOf('--uid'), args.indexOf('--uid') + 2), ['--uid', '65534']);
    assert.deepEqual(args.slice(args.indexOf('--chdir'), args.indexOf('--chdir') + 2), [
      '--chdir',
      '/opt/models',
    ]);
    const program = args.slice(args.indexOf('--') + 1);
    assert.deepEqual(program, [
      '/usr/bin/prlimit',
      '--nproc=64',
      `--as=${512 * 1024 * 1024}`,
      '--cpu=30:31',
      '--core=0',
      '--',
      '/usr/bin/python3',
      'eval.py',
    ]);
    const tmp = args.indexOf('/tmp');
    assert.deepEqual(args.slice(tmp - 5, tmp + 1), [
      '--perms',
      '1777',
      '--size',
      String(16 * 1024 * 1024),
      '--tmpfs',
      '/tmp',
    ]);
  });

  it('as root, maps its own users and drops to nobody with setpriv before the limits', () => {
    const args = buildBwrapArgs({ ...run, mounts: planMounts(view, ['/opt/models']), isRoot: true });
    assert.ok(!args.includes('--uid') && !args.includes('--disable-userns'));
    assert.deepEqual(args.slice(args.indexOf('--info-fd'), args.indexOf('--info-fd') + 4), [
      '--info-fd',
      '3',
      '--userns-block-fd',
      '4',
    ]);
    const program = args.slice(args.indexOf('--') + 1);
    assert.deepEqual(program.slice(0, 7), [
      '/usr/bin/setpriv',
      '--reuid=65534',
      '--regid=65534',
      '--clear-groups',
      '--inh-caps=-all',
      '--bounding-set=-all',
      '--',
    ]);
    assert.equal(program[7], '/usr/bin/prlimit');
  });

  it('explains the exit statuses of the limits', () => {
    assert.match(explainSandboxExit(152, limits) ?? '', /SIGXCPU: it used the 30 s of CPU time/);
    assert.match(explainSandboxExit(134, limits) ?? '', /512 MiB memory limit/);
    assert.equal(explainSandboxExit(1, limits), undefined);
  });
});
