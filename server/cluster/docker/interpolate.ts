// Compose's variable substitution, so the file means the same to us as to docker-compose:
// $$ (a literal $), $VAR, ${VAR}, ${VAR:-default} / ${VAR-default}, ${VAR:+alt} / ${VAR+alt},
// ${VAR:?message} / ${VAR?message}. With ":" an empty value counts as unset. An unset VAR is "", as in Compose.
import { DemoError } from '../../../shared/errors';

export type Env = Record<string, string | undefined>;

const REFERENCE = /\$(?:(\$)|\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?)([-+?])([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*)|(\{[^}]*\}?))/g;

export function interpolate(text: string, env: Env, where = 'compose file'): string {
  return text.replace(REFERENCE, (_match, dollar?: string, braced?: string, colon?: string, op?: string,
    arg?: string, bare?: string, invalid?: string) => {
    if (dollar) return '$';
    if (invalid !== undefined) {
      throw new DemoError('BAD_REQUEST', `${where}: invalid variable reference "$${invalid}"`);
    }
    const name = (braced ?? bare)!;
    const value = env[name];
    const isSet = colon ? value !== undefined && value !== '' : value !== undefined;
    const nested = (s: string) => interpolate(s, env, where);
    switch (op) {
      case '-': return isSet ? value! : nested(arg ?? '');
      case '+': return isSet ? nested(arg ?? '') : '';
      case '?':
        if (isSet) return value!;
        throw new DemoError('BAD_REQUEST', `${where}: ${name} must be set${arg ? `: ${nested(arg)}` : ''}`);
      default: return value ?? '';
    }
  });
}

/** Interpolates every string in a parsed YAML tree (values only; keys stay as written, as in Compose). */
export function interpolateTree(node: unknown, env: Env, where: string): unknown {
  if (typeof node === 'string') return interpolate(node, env, where);
  if (Array.isArray(node)) return node.map((item, i) => interpolateTree(item, env, `${where}[${i}]`));
  if (node && typeof node === 'object') {
    return Object.fromEntries(Object.entries(node).map(([key, value]) =>
      [key, interpolateTree(value, env, `${where}.${key}`)]));
  }
  return node;
}
