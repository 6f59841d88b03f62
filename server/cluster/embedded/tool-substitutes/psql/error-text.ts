// Server errors and notices as libpq writes them at psql's default verbosity (pqBuildErrorMessage3): "SEVERITY:  text",
// a LINE/caret display when the server gave a position, then DETAIL, HINT, QUERY, and CONTEXT for errors only.
import { cursorWidth } from './display-width';

export interface ServerMessage {
  severity?: string;
  message?: string;
  detail?: string;
  hint?: string;
  position?: string;
  internalPosition?: string;
  internalQuery?: string;
  where?: string;
}

/** What libpq prints for `message`; `query` is the text that was sent (for the caret). Ends with a newline. */
export function serverMessageText(message: ServerMessage, query: string | undefined, isError: boolean): string {
  let out = `${message.severity ?? 'ERROR'}:  ${message.message ?? ''}`;
  let cursorQuery: string | undefined;
  let cursor = 0;
  if (message.position) {
    if (query !== undefined) {
      cursorQuery = query;
      cursor = Number.parseInt(message.position, 10);
    } else {
      out += ` at character ${message.position}`;
    }
  } else if (message.internalPosition) {
    if (message.internalQuery !== undefined) {
      cursorQuery = message.internalQuery;
      cursor = Number.parseInt(message.internalPosition, 10);
    } else {
      out += ` at character ${message.internalPosition}`;
    }
  }
  out += '\n';
  if (cursorQuery !== undefined && cursor > 0) out += errorPosition(cursorQuery, cursor);
  if (message.detail) out += `DETAIL:  ${message.detail}\n`;
  if (message.hint) out += `HINT:  ${message.hint}\n`;
  if (message.internalQuery) out += `QUERY:  ${message.internalQuery}\n`;
  if (isError && message.where) out += `CONTEXT:  ${message.where}\n`;
  return out;
}

const DISPLAY_SIZE = 60;
const MIN_RIGHT_CUT = 10;

/**
 * libpq's reportErrorPosition: the line of `query` holding character `position` (1-based), cut to about 60 columns
 * around it with "..." where cut, and a caret under that character.
 */
export function errorPosition(query: string, position: number): string {
  const loc = position - 1;
  if (loc < 0) return '';
  const chars = [...query].map((ch) => (ch === '\t' ? ' ' : ch));
  // screen column where each character starts, up to the end of the line holding loc
  const column: number[] = [];
  let screen = 0;
  let line = 1;
  let begin = 0;
  let end = -1;
  let cno = 0;
  for (; cno < chars.length; cno++) {
    const ch = chars[cno]!;
    column[cno] = screen;
    if (ch === '\r' || ch === '\n') {
      if (cno < loc) {
        // "\r\n" counts as one line break
        if (ch === '\r' || cno === 0 || chars[cno - 1] !== '\r') line++;
        begin = cno + 1;
      } else {
        end = cno;
        break;
      }
    }
    screen += cursorWidth(ch);
  }
  if (end < 0) {
    end = cno;
    column[end] = screen;
  }
  if (loc > cno) return '';

  let beginCut = false;
  let endCut = false;
  if (column[end]! - column[begin]! > DISPLAY_SIZE) {
    if (column[begin]! + DISPLAY_SIZE >= column[loc]! + MIN_RIGHT_CUT) {
      while (column[end]! - column[begin]! > DISPLAY_SIZE) end--;
      endCut = true;
    } else {
      while (column[loc]! + MIN_RIGHT_CUT < column[end]!) {
        end--;
        endCut = true;
      }
      while (column[end]! - column[begin]! > DISPLAY_SIZE) {
        begin++;
        beginCut = true;
      }
    }
  }
  const prefix = `LINE ${line}: ${beginCut ? '...' : ''}`;
  const caretAt = prefix.length + column[loc]! - column[begin]!;
  return `${prefix}${chars.slice(begin, end).join('')}${endCut ? '...' : ''}\n${' '.repeat(caretAt)}^\n`;
}

export const LOST_CONNECTION = 'server closed the connection unexpectedly\n'
  + '\tThis probably means the server terminated abnormally\n'
  + '\tbefore or while processing the request.\n';
