// The words that would give a drill's fault away before the reveal: what the page's text, the messages it receives
// and the toolkit's own slides must never carry. One list, so the unit, toolkit and browser checks agree on it.
import type { Fault } from './types';

export function giveaways(fault: Pick<Fault, 'name' | 'title' | 'cause' | 'remedy'>): string[] {
  return [fault.name, fault.title, fault.cause.slice(0, 40), fault.remedy.slice(0, 40)];
}
