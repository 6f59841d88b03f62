// What a page's status shows while a drill runs: the symptoms a candidate must find stay (roles, lag, who streams),
// but what names a fault the cluster itself injected — the link's cut and added latency — is left out.
import type { ClusterStatus } from '../../shared/types';
import { NO_LINK_FAULTS } from '../cluster/link-faults';

export function maskedStatus(status: ClusterStatus): ClusterStatus {
  return { ...status, link: NO_LINK_FAULTS };
}
