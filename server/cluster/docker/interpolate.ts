// Compose's variable substitution, the forms compose/docker-compose.yml uses: ${VAR:-default} (the default when VAR is
// unset or empty), ${VAR} (empty when unset, as in Compose) and $$ (a literal $). Any other use of $ is refused, so the
// file never means one thing to docker-compose and another to us.
import { DemoError } from '../../../shared/errors';

export type Env = Record<string, string | undefined>;

const REFERENCE = /\$(?:(\$)|\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}|(.?))/g;

export function interpolate(text: string, env: Env, where = 'compose file'): string {
  return text.replace(REFERENCE, (_match, dollar?: string, name?: string, fallback?: string, other?: string) => {
    if (dollar) return '$';
    if (other !== undefined) {
      throw new DemoError('BAD_REQUEST', `${where}: "${text}": write \${VAR}, \${VAR:-default} or $$ (a literal $)`);
    }
    const value = env[name!];
    return value ? value : interpolate(fallback ?? '', env, where);
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
