import { describe, expect, it } from 'vitest';
import { futureWalSegments } from './future-wal';

const SEGMENT = 16 * 1024 * 1024;

/** The bytes of pg_control that matter here: the latest checkpoint's LSN at offset 32. */
function controlAt(lsn: bigint): Buffer {
  const bytes = Buffer.alloc(64);
  bytes.writeUInt32LE(1, 16); // shut down
  bytes.writeBigUInt64LE(lsn, 32);
  return bytes;
}

const segments = (...names: string[]) => names.map((name) => ({ name, size: SEGMENT }));

describe('futureWalSegments', () => {
  it('names the segments after the one holding the checkpoint, nothing else of pg_wal', () => {
    const wal = [...segments('000000010000000000000001', '000000010000000000000002', '000000010000000100000000'),
      { name: '00000002.history', size: 41 }];
    expect(futureWalSegments(controlAt(0x1000028n), wal)).toEqual(['000000010000000000000002', '000000010000000100000000']);
  });

  it('keeps the next segment when the checkpoint record may cross into it (a page of margin)', () => {
    const wal = segments('000000010000000000000001', '000000010000000000000002', '000000010000000000000003');
    expect(futureWalSegments(controlAt(0x1FFF000n), wal)).toEqual(['000000010000000000000003']);
  });

  it('names none when pg_control cannot be read', () => {
    expect(futureWalSegments(null, segments('000000010000000000000009'))).toEqual([]);
    expect(futureWalSegments(Buffer.alloc(8), segments('000000010000000000000009'))).toEqual([]);
  });
});
