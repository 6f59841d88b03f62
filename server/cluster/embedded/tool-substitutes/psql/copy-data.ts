// The data psql sends for COPY … FROM STDIN: the lines of its input from where the statement's line ended, up to a line
// that is only "\." (not sent), or to the end of the input. Those lines are the COPY's, never read as SQL, and count in
// psql's line numbers. (Like psql, a "\." line inside a quoted CSV value ends the data too.)

export interface CopyData {
  /** what is sent to the server */
  data: string;
  /** index in the input just after the lines taken */
  end: number;
  /** whole lines taken (the "\." one included): psql's line counter moves on by as many */
  lines: number;
}

export function copyDataAt(input: string, from: number): CopyData {
  let at = from;
  let lines = 0;
  while (at < input.length) {
    const eol = input.indexOf('\n', at);
    if (eol < 0) return { data: input.slice(from), end: input.length, lines };
    lines++;
    const line = input.slice(at, eol + 1);
    if (line === '\\.\n' || line === '\\.\r\n') return { data: input.slice(from, at), end: eol + 1, lines };
    at = eol + 1;
  }
  return { data: input.slice(from), end: input.length, lines };
}
