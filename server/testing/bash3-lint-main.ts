// `npm run lint:bash`: the shell snippets and the runner's bash files use nothing bash 3.2 (macOS's) lacks.
import { PROJECT_ROOT } from '../rehearse/slide-order';
import { describeFinding, lintProject } from './bash3-lint';

const findings = await lintProject(PROJECT_ROOT);
for (const finding of findings) console.error(describeFinding(finding));
console.log(findings.length ? `${findings.length} use(s) of bash ≥ 4` : 'bash 3.2: nothing newer used');
process.exit(findings.length ? 1 : 0);
