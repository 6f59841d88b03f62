// What a block says when the sidecar cannot tell it how a run went: written once, for every path that leads there.
export const SAYS = {
  /** the page lost the sidecar while the run was going: the output until then stays on screen */
  interrupted: 'Interrupted: the sidecar stopped while this ran (its output until then is shown). Run it again once the sidecar is back.',
  /** the channel closed with the request on it: nothing is known of a run */
  closedBeforeAnswer: 'The connection to the sidecar closed before the run answered.',
  /** the channel could not be opened for the request */
  noSidecar: 'The sidecar does not answer (is `npm start` still running?).',
} as const;
