// bash 3.2 is the oldest bash the shell snippets and the runner's own bash files may rely on: it is macOS's /bin/bash
// (Apple stays on the last GPLv2 release). No bash 3.2 runs here, so this lint rejects what later versions added —
// each rule names the feature and the version that brought it (bash's NEWS and CHANGES). It reads the text, strings
// included (a `bash -c '…'` inside `docker exec` runs on the host under the embedded backend); comment lines are
// skipped.
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';

interface Rule {
  feature: string;
  since: string;
  pattern: RegExp;
}

const NAME = '[A-Za-z_][A-Za-z0-9_]*';

export const BASH4_RULES: Rule[] = [
  { feature: 'associative arrays (declare -A)', since: '4.0', pattern: /\b(?:declare|local|typeset|readonly)\s+(?:-[a-zA-Z]+\s+)*-[a-zA-Z]*A/ },
  { feature: 'case attributes (declare -l / -u)', since: '4.0', pattern: /\b(?:declare|local|typeset)\s+(?:-[a-zA-Z]+\s+)*-[a-zA-Z]*[lu]/ },
  { feature: 'global declarations (declare -g)', since: '4.2', pattern: /\b(?:declare|typeset)\s+(?:-[a-zA-Z]+\s+)*-[a-zA-Z]*g/ },
  { feature: 'namerefs (declare -n)', since: '4.3', pattern: /\b(?:declare|local|typeset)\s+(?:-[a-zA-Z]+\s+)*-[a-zA-Z]*n/ },
  { feature: 'mapfile / readarray', since: '4.0', pattern: /\b(?:mapfile|readarray)\b/ },
  { feature: 'coproc', since: '4.0', pattern: /\bcoproc\b/ },
  { feature: 'case modification (${v^^}, ${v,,})', since: '4.0', pattern: new RegExp(`\\$\\{[#!]?${NAME}(?:\\[[^\\]]*\\])?(?:\\^|,)`) },
  { feature: 'parameter transformation (${v@Q} …)', since: '4.4', pattern: new RegExp(`\\$\\{${NAME}(?:\\[[^\\]]*\\])?@[QEPAaKkUuL]\\}`) },
  { feature: 'the |& pipe', since: '4.0', pattern: /\|&/ },
  { feature: 'the &>> redirection', since: '4.0', pattern: /&>>/ },
  { feature: 'case fall-through (;& and ;;&)', since: '4.0', pattern: /;;&|(?:^|[^;]);&(?:\s|$)/ },
  { feature: 'automatic file descriptors ({fd}>)', since: '4.1', pattern: new RegExp(`\\{${NAME}\\}[<>]`) },
  { feature: 'negative array subscripts (${a[-1]})', since: '4.3', pattern: new RegExp(`\\$\\{${NAME}\\[-\\d`) },
  { feature: 'a negative substring length (${v:0:-1})', since: '4.2', pattern: new RegExp(`\\$\\{${NAME}:[^}:]*:\\s*-\\d`) },
  { feature: 'the -v test', since: '4.2', pattern: /(?:\[\[|\[|\btest)\s+(?:!\s+)?-v\s/ },
  { feature: 'a variable bash 3.2 lacks', since: '4.0 (BASHPID), 5.0, 5.1', pattern: /\$\{?(?:EPOCHREALTIME|EPOCHSECONDS|BASHPID|SRANDOM|BASH_ARGV0)\b/ },
  { feature: 'wait -n / -f / -p', since: '4.3 / 5.0 / 5.1', pattern: /\bwait\s+(?:-\S+\s+)*-[a-zA-Z]*[nfp]\b/ },
  { feature: 'printf %(…)T', since: '4.2', pattern: /%\([^)]*\)T/ },
  { feature: 'a shopt option bash 3.2 lacks', since: '4.0+', pattern: /\bshopt\s+-[su]\b.*\b(?:globstar|lastpipe|autocd|checkjobs|dirspell|direxpand|globasciiranges|inherit_errexit|localvar_inherit|localvar_unset|assoc_expand_once|patsub_replacement)\b/ },
  { feature: 'read -t with a fraction', since: '4.0', pattern: /\bread\s+(?:-\S+\s+)*-t\s*\d*\.\d/ },
  { feature: 'read -i / -N', since: '4.0 / 4.1', pattern: /\bread\s+(?:-\S+\s+)*-[a-zA-Z]*[iN]\b/ },
  { feature: 'brace expansion with a step or zero padding ({1..9..2}, {01..10})', since: '4.0', pattern: /\{-?\d+\.\.-?\d+\.\.-?\d+\}|\{-?0\d+\.\.-?\d+\}/ },
  { feature: 'local -', since: '4.4', pattern: /\blocal\s+-(?:\s|$)/ },
];

export interface Finding {
  file: string;
  line: number;
  text: string;
  feature: string;
  since: string;
}

export function lintBash3(text: string, file = '-'): Finding[] {
  const findings: Finding[] = [];
  text.split('\n').forEach((line, i) => {
    if (/^\s*#/.test(line)) return;
    for (const rule of BASH4_RULES) {
      if (rule.pattern.test(line)) findings.push({ file, line: i + 1, text: line.trim(), feature: rule.feature, since: rule.since });
    }
  });
  return findings;
}

/**
 * Linux-only tooling that never runs on a presenter's Mac, so it may use what later bash versions have: the mount
 * namespace that hides the system's PostgreSQL (root, Linux), the recorder of psql calls behind a test, the BSD date
 * test double over GNU date.
 */
export const LINUX_ONLY = new Set([
  'server/testing/hide-system-postgres.bash',
  'server/cluster/embedded/tool-substitutes/psql/testing/record-shim.bash',
  'server/testing/bsd-date/date',
]);

/** The bash the deck runs on a presenter's machine: every shell snippet, the runner's and the backends' bash files. */
export async function bashFilesOf(root: string): Promise<string[]> {
  const files: string[] = [];
  for (const top of ['snippets', 'server']) {
    for (const entry of await readdir(join(root, top), { recursive: true })) {
      const path = join(top, entry);
      if (path.includes('node_modules') || LINUX_ONLY.has(path)) continue;
      if (/\.(?:sh|bash)$/.test(path) || /\/portable-bin\/[^/]+$/.test(path)) files.push(path);
    }
  }
  return files.sort();
}

export async function lintProject(root: string): Promise<Finding[]> {
  const findings: Finding[] = [];
  for (const file of await bashFilesOf(root)) findings.push(...lintBash3(await readFile(join(root, file), 'utf8'), relative(root, join(root, file))));
  return findings;
}

export const describeFinding = (f: Finding) => `${f.file}:${f.line}: ${f.feature} needs bash ${f.since} (macOS has 3.2): ${f.text}`;
