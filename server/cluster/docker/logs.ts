// `docker logs` of a container without a TTY comes as frames: an 8-byte header (stream, size) before each chunk.

/** The text of a framed log buffer, stdout and stderr interleaved as they came. */
export function demuxToText(buffer: Buffer): string {
  const parts: string[] = [];
  for (let at = 0; at + 8 <= buffer.length;) {
    const size = buffer.readUInt32BE(at + 4);
    parts.push(buffer.subarray(at + 8, at + 8 + size).toString('utf8'));
    at += 8 + size;
  }
  return parts.join('').trimEnd();
}
