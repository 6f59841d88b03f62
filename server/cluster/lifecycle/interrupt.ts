// Ctrl-C while the pair is being built: the build gives up at its next step with CANCELLED, and so does any later
// one; `down` then stops what exists. The drivers only call the checkpoint they are handed between their long steps.
import { DemoError } from '../../../shared/errors';

export class Interruption {
  #requested = false;

  request(): void {
    this.#requested = true;
  }

  /** Throws CANCELLED once an interrupt was requested. */
  readonly checkpoint = (): void => {
    if (this.#requested) throw new DemoError('CANCELLED', 'Interrupted: the build was given up between two of its steps.');
  };
}
