// The bash 3.2 lint: each rule catches the feature it names and lets bash 3.2's own syntax pass; then the project's
// snippets and bash files, which must pass it (and parse).
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../rehearse/slide-order';
import { bashFilesOf, describeFinding, lintBash3, lintProject } from './bash3-lint';

const NEWER = [
  'declare -A seen=()', 'local -lA names', 'typeset -u NAME', 'declare -g x=1', 'local -n ref=$1', 'mapfile -t lines < f',
  'readarray lines', 'coproc psql', 'key=${key^^}', 'echo "${name,,}"', 'echo ${first^}', 'printf %s "${v@Q}"',
  'cmd |& tee log', 'echo x &>> log', '  a) echo a ;;&', '  b) echo b ;&', 'exec {fd}> file', 'echo "${arr[-1]}"',
  'echo "${s:0:-1}"', '[[ -v PGDATA ]]', 'if [ ! -v X ]; then :; fi', 'start=$EPOCHREALTIME', 'echo $BASHPID',
  'echo ${EPOCHSECONDS}', 'wait -n', 'wait -f "$pid"', "printf '%(%s)T' -1", 'shopt -s globstar', 'shopt -s nullglob lastpipe',
  'read -t 0.5 line', 'read -r -N 1 c', 'read -e -i default answer', 'echo {1..9..2}', 'echo {01..10}', 'local -',
];

const BASH3 = [
  'declare -a list=()', 'local -a envs=()', 'local -i n=1', 'local key=${1#postgres-}', 'echo "${PGDEMO_NODES-}"',
  'echo "${!var-}"', 'echo "${arr[@]}" "${#arr[@]}" "${!arr[@]}"', 'x+=(one)', '[[ $a =~ ^[0-9]+$ ]]', 'echo ${s: -1}',
  'echo ${s:1:2}', 'for i in {1..60}; do :; done', 'for ((i = 0; i < 26; i++)); do :; done', "printf -v x '%s' y",
  'read -r line', 'read -n 1 c', 'read -t 5 line', 'wait "$pid"', 'cmd 2>&1 | tee log', 'cmd &> log', '  a) echo a ;;',
  '[ -n "$x" ] && [ -z "$y" ]', 'export -f watch pgdemo-net', "echo $'\\t'", 'SQL="a, b, c"', 'echo "${key//[!A-Z0-9]/_}"',
  '# declare -A in a comment is not code', "psql -c 'SELECT a || b'", 'echo "a;&b"',
];

describe('the bash 3.2 lint', () => {
  it.each(NEWER)('rejects %s', (line) => {
    expect(lintBash3(line)).not.toEqual([]);
  });

  it.each(BASH3)('accepts %s', (line) => {
    expect(lintBash3(line)).toEqual([]);
  });

  it('says where, what and since which version', () => {
    const [finding] = lintBash3('echo one\n  key=${key^^}\n', 'demo.sh');
    expect(describeFinding(finding!)).toBe('demo.sh:2: case modification (${v^^}, ${v,,}) needs bash 4.0 (macOS has 3.2): key=${key^^}');
  });
});

describe('the project\'s bash', () => {
  it('covers every shell snippet and the runner\'s and backends\' bash files', async () => {
    const files = await bashFilesOf(PROJECT_ROOT);
    expect(files).toEqual(expect.arrayContaining([
      'server/cluster/embedded/shell/docker-shim.bash', 'server/runner/shell/portable-bin/date',
      'server/runner/shell/terminal.bash', 'snippets/demo2/05-sustained-load.sh', 'snippets/demo7/01-crash-async.sh',
    ]));
    expect(files.filter((f) => f.startsWith('snippets/')).length).toBeGreaterThanOrEqual(25);
  });

  it('uses nothing bash 3.2 lacks, and parses', async () => {
    expect((await lintProject(PROJECT_ROOT)).map(describeFinding)).toEqual([]);
    for (const file of await bashFilesOf(PROJECT_ROOT)) execFileSync('bash', ['-n', join(PROJECT_ROOT, file)]);
  });
});
