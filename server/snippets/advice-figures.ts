// The figures the deck states without a run, each with why it may: PostgreSQL's documented defaults and constants,
// the seed's time plan and questions, and advice (thresholds, examples, arithmetic) that the slide words as advice.
// typed-figures.test.ts fails on any other measured-looking figure, and on an entry here that no longer matches.
import type { AdviceFigure } from './typed-figures';

const plannedLength = (file: string, minutes: number): AdviceFigure => ({
  file,
  context: `· ${minutes} min`,
  why: "the seed's planned length of the demo (a time plan, not a measurement)",
});

export const ADVICE_FIGURES: readonly AdviceFigure[] = [
  ...[10, 15, 20].map((minutes) => ({
    file: 'slides.md',
    context: `| ${minutes} min |`,
    why: "the agenda's planned length of a demo, from the seed (a time plan, not a measurement)",
  })),
  plannedLength('pages/demo1.md', 10),
  plannedLength('pages/demo2.md', 15),
  plannedLength('pages/demo3.md', 20),
  plannedLength('pages/demo4.md', 10),
  plannedLength('pages/demo5.md', 15),
  plannedLength('pages/demo6.md', 20),
  {
    file: 'pages/demo1.md',
    context: 'e.g. 100 GB over 1 Gbps (125 MB/s) is 800 s, about 13 minutes',
    why: 'a worked example of the catch-up formula (arithmetic, marked "e.g."), not a measurement',
  },
  {
    file: 'pages/demo1.md',
    context: 'checkpoint_timeout, 1 GB and 5 min by default',
    why: 'the documented defaults of max_wal_size and checkpoint_timeout',
  },
  {
    file: 'pages/demo1.md',
    context: '(wal_sender_timeout and wal_receiver_timeout 5 s, status interval 1 s; defaults 60 s, 60 s, 10 s)',
    why: 'the settings block 07a sets for the partition (inputs, not measurements), and their documented defaults',
  },
  {
    file: 'pages/demo1.md',
    context: 'wal_retrieve_retry_interval (5 s by default)',
    why: "the parameter's documented default",
  },
  {
    file: 'pages/demo1.md',
    context: "I'd alert on: a slot inactive > 5 minutes, retained WAL > 50 GB, standby lag > 1 hour",
    why: 'alert thresholds the speaker recommends (advice)',
  },
  {
    file: 'pages/demo1.md',
    context: '(e.g. 1 GB)',
    why: 'an example value for wal_keep_size (advice)',
  },
  {
    file: 'pages/demo2.md',
    context: 'in messages of at most 128 kB',
    why: "PostgreSQL's MAX_SEND_SIZE, 16 WAL pages of 8 kB: a constant of the walsender, not a measurement",
  },
  {
    file: 'pages/demo2.md',
    context: '1 Gbps link',
    why: 'the assumed link the WAL rate is compared with; the figure itself (its share) comes from the run',
  },
  {
    file: 'pages/demo2.md',
    context: '(a 10M-row',
    why: 'an example of a huge transaction in an answer (advice)',
  },
  {
    file: 'pages/demo4.md',
    context: 'something like UPDATE 10M rows',
    why: "the seed's example of a WAL-heavy batch in a talking point (advice)",
  },
  {
    file: 'pages/demo4.md',
    context: 'max_standby_streaming_delay (default 30 s)',
    why: "the parameter's documented default",
  },
  {
    file: 'pages/demo4.md',
    context: 'high latency (> 50 ms)',
    why: 'a latency threshold from the talking point (advice)',
  },
  {
    file: 'pages/demo4.md',
    context: '(1 Gbps = 125 MB/s)',
    why: 'a unit conversion, not a measurement',
  },
  {
    file: 'pages/demo5.md',
    context: 'a lease with a TTL, e.g. 30 s',
    why: "an example of Patroni's ttl (its default), matching the patroni.yml on the slide",
  },
  {
    file: 'pages/demo6.md',
    context: '(seed: "0 seconds downtime for reads")',
    why: "the seed's claim, quoted where the slide corrects it",
  },
  {
    file: 'pages/demo6.md',
    context: "can't have even 2 seconds downtime?",
    why: "the interviewer's question, quoted from the seed",
  },
  {
    file: 'snippets/demo2/04-throughput',
    context: 'a share of a 1 Gbps link',
    why: 'the assumed link the WAL rate is compared with; the share itself is computed by the block',
  },
  ...[
    ['pages/demo6.md', 'With a round trip of 20 ms added between the nodes'],
    ['pages/demo6.md', 'so the deck adds 20 ms of round trip'],
    ['snippets/demo6/02b-commit-cost', '20 ms added to each round trip between the nodes (pgdemo-net delay)'],
  ].map(([file, context]) => ({
    file: file!, context: context!,
    why: 'the delay the block injects with pgdemo-net delay 20 (an input the slide sets, not a measurement)',
  })),
];
