// The drill's toolkit (snippets/drill/, numbered in slide order), rehearsed on a fresh pair with no drill running: what each block shows when
// nothing is wrong, which is what its recording (offline, in the PDF) shows, and what a candidate compares a drill with.
import { lsnToBigInt } from '../../cluster/sql/lsn';
import { equal, matches, ok } from '../claims';
import type { DemoDefinition } from '../demo-definition';

const STREAMS = 'drill/01-streams-from-primary';
const RECEIVER = 'drill/02-standby-receiver';
const SLOTS = 'drill/03-slots';
const SETTINGS = 'drill/04-settings-changed';
const LOGS = 'drill/07-server-logs';
/** PostgreSQL's default WAL segment size, which the deck's clusters keep */
const SEGMENT = 16n << 20n;

export const drill: DemoDefinition = {
  checks: [
    {
      claim: 'the standby streams from the primary, asynchronously',
      after: STREAMS,
      check: (e) => {
        equal(e.column(STREAMS, 'application_name'), ['standby'], 'application_name');
        equal(e.column(STREAMS, 'state'), ['streaming'], 'state');
        equal(e.column(STREAMS, 'sync_state'), ['async'], 'sync_state');
      },
    },
    {
      claim: 'the standby\'s receiver streams and replay is not paused',
      after: RECEIVER,
      check: (e) => {
        equal(e.cell(RECEIVER, 'receiver'), 'streaming', 'receiver');
        equal(e.cell(RECEIVER, 'replay'), 'not paused', 'replay');
      },
    },
    {
      claim: 'received is behind replayed only at the start of a WAL segment (streaming restarted there), and then 0 waits',
      after: RECEIVER,
      check: (e) => {
        const received = lsnToBigInt(String(e.cell(RECEIVER, 'received')));
        const replayed = lsnToBigInt(String(e.cell(RECEIVER, 'replayed')));
        if (received >= replayed) return;
        ok(received % SEGMENT === 0n, `received ${String(e.cell(RECEIVER, 'received'))} is behind replayed but not at a segment start`);
        equal(e.cell(RECEIVER, 'received_not_replayed'), '0 bytes', 'received_not_replayed');
      },
    },
    {
      claim: 'one slot, the standby\'s, active',
      after: SLOTS,
      check: (e) => {
        equal(e.column(SLOTS, 'slot_name'), ['standby_slot'], 'slot_name');
        equal(e.column(SLOTS, 'active'), ['t'], 'active');
      },
    },
    {
      claim: 'ALTER SYSTEM set only the standby\'s connection to the primary',
      after: SETTINGS,
      check: (e) => {
        const [primary = '', standby = ''] = e.stdout(SETTINGS).split('== postgres-standby');
        matches(primary, /^== postgres-primary\n\(none\)\n$/, 'the primary\'s auto.conf settings');
        matches(standby, /^\nprimary_conninfo = .*\nprimary_slot_name = standby_slot\n$/, 'the standby\'s auto.conf settings');
      },
    },
    {
      claim: 'each server\'s log has lines to show',
      check: (e) => void matches(e.stdout(LOGS), /== postgres-primary\n\d\d:\d\d:\d\d[\s\S]*== postgres-standby\n\d\d:\d\d:\d\d/, 'the logs'),
    },
  ],
  figures: [],
};
