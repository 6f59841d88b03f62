// pg_lsn arithmetic in JS, for the cases where the two LSNs come from different servers.

export function lsnToBigInt(lsn: string): bigint {
  const [hi, lo] = lsn.split('/');
  if (hi === undefined || lo === undefined) throw new Error(`not an LSN: ${lsn}`);
  return (BigInt(`0x${hi}`) << 32n) + BigInt(`0x${lo}`);
}

/** a - b in bytes, or null when either is unknown. Never negative: a standby that read ahead of a stale view is 0. */
export function lsnDiff(a: string | null | undefined, b: string | null | undefined): number | null {
  if (!a || !b) return null;
  const diff = lsnToBigInt(a) - lsnToBigInt(b);
  return diff > 0n ? Number(diff) : 0;
}
