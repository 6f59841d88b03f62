// What the slides and their presenter notes say a block's output shows, each sentence beside the rehearse check that
// fails when the output stops showing it (checks/demoN.ts). note-claims.test.ts finds every sentence in its page and
// every check among that demo's claims, and fails on a sentence of the kind below that is neither listed here nor says
// "typically" or names its source. So a note that tells the audience what they are looking at cannot go stale silently:
// change the output, and rehearse fails; change the sentence, and this list must follow.

export interface NoteClaim {
  /** the page, relative to the project root */
  page: string;
  /** a distinctive part of the sentence, as written (white space may differ) */
  says: string;
  /** the claim of the demo's check that backs it, as written in checks/demoN.ts */
  check: string;
}

export const NOTE_CLAIMS: NoteClaim[] = [
  // Demo 1
  { page: 'pages/demo1.md', says: 'Here we see healthy replication.', check: 'step 1: the standby streams' },
  { page: 'pages/demo1.md', says: 'The standby is streaming, and lag_bytes is sent_lsn minus replay_lsn', check: 'step 1: the standby streams' },
  { page: 'pages/demo1.md', says: 'the primary still lists the standby as `streaming`', check: 'the primary still lists the paused standby as streaming' },
  { page: 'pages/demo1.md', says: 'Watch the bar: the standby is `frozen`.', check: 'the paused standby is frozen' },
  { page: 'pages/demo1.md', says: 'The chart shows the standby falling behind, in bytes, live.', check: 'while frozen the standby falls behind' },
  { page: 'pages/demo1.md', says: 'the slot is still active = t', check: 'the slot retains WAL for the frozen standby, and is still active' },
  { page: 'pages/demo1.md', says: 'from the second round on, lag_bytes is 0', check: 'the catch-up is over by watch\'s second round: lag_bytes 0 from there on' },
  { page: 'pages/demo1.md', says: 'is replayed in a fraction of a second — before the second round', check: 'the catch-up is over by watch\'s second round: lag_bytes 0 from there on' },
  { page: 'pages/demo1.md', says: 'All the rows inserted during the outage are now on the standby — same count on both.', check: 'after the thaw both nodes count 100000 rows' },
  { page: 'pages/demo1.md', says: 'here the age grows past it, second by second', check: 'the primary sees the replies stop: the row says streaming while the last reply ages past the status interval, and the walsender is gone at wal_sender_timeout' },
  { page: 'pages/demo1.md', says: 'the walsender gives up, the row is gone, and the primary\'s log says why', check: 'the primary sees the replies stop: the row says streaming while the last reply ages past the status interval, and the walsender is gone at wal_sender_timeout' },
  { page: 'pages/demo1.md', says: 'rows — not the primary\'s latest', check: 'during the cut the standby answers with the rows from before the cut' },
  { page: 'pages/demo1.md', says: 'the primary serves it from a new walsender (the pids differ)', check: 'after the heal both nodes count 101000 rows, streamed over a new connection (another walsender)' },
  { page: 'pages/demo1.md', says: 'streamed by a new walsender', check: 'after the heal both nodes count 101000 rows, streamed over a new connection (another walsender)' },
  { page: 'pages/demo1.md', says: 'Gotcha shown live: a paused standby still looks `streaming` on the primary', check: 'the primary still lists the paused standby as streaming' },
  { page: 'pages/demo1.md', says: 'After the heal it came back on a new connection.', check: 'after the heal both nodes count 101000 rows, streamed over a new connection (another walsender)' },
  // Demo 2
  { page: 'pages/demo2.md', says: 'the run shows its own time and its own WAL, measured as the LSN difference around the INSERT', check: 'a million rows inserted, their WAL measured, the standby caught up after the insert' },
  { page: 'pages/demo2.md', says: 'The block also waits until the standby has replayed the insert', check: 'a million rows inserted, their WAL measured, the standby caught up after the insert' },
  { page: 'pages/demo2.md', says: 'The block samples the lag during the load and prints its maximum and how often it was back at 0.', check: '60 batches, the lag sampled during them, back to 0 after' },
  { page: 'pages/demo2.md', says: 'the chart and the catch-up time are this run\'s', check: 'a million rows inserted, their WAL measured, the standby caught up after the insert' },
  // Demo 3
  { page: 'pages/demo3.md', says: 'the docker backend shows exactly that', check: 'the primary is stopped' },
  { page: 'pages/demo3.md', says: 'so psql reports its own connection error instead', check: 'the primary is stopped' },
  { page: 'pages/demo3.md', says: 'Both orders are on the standby, including the VIP order', check: 'both orders are on the standby, which is still in recovery' },
  { page: 'pages/demo3.md', says: 'The standby is now the new primary on a new timeline', check: 'the promoted standby is a primary on timeline 2' },
  { page: 'pages/demo3.md', says: 'the new order\'s id is 34, not 3', check: 'the new order\'s id is 34: the promoted standby continues after the sequence\'s WAL-logged value' },
  { page: 'pages/demo3.md', says: 'ids 1, 2 and 34 instead of 1, 2, 3', check: 'all 3 orders on the new primary, ids 1, 2 and 34' },
  { page: 'pages/demo3.md', says: 'it compares the measured RTO with our target, and RPO with zero loss', check: 'the report: no data lost, the RTO within the SLA' },
  { page: 'pages/demo3.md', says: 'then shows the rebuilt node streaming on the new timeline', check: 'the old primary, rebuilt with pg_basebackup, streams on timeline 2 through its slot with the 3 orders' },
  // Demo 4
  { page: 'pages/demo4.md', says: 'Everything the primary writes after that piles up as lag', check: 'the nightly batch leaves the standby more than 1 MB behind' },
  { page: 'pages/demo4.md', says: 'in the second table flushed_not_replayed is most of the lag and sent_not_flushed the smaller part', check: 'step 1 shows the lag, and received (flush) against applied (replay)' },
  { page: 'pages/demo4.md', says: 'Here replay_lag is already many times write_lag and flush_lag, which stay a fraction of a second', check: 'step 1: replay_lag is many times write_lag and flush_lag — received, not applied' },
  { page: 'pages/demo4.md', says: 'Here the batch has already committed: the primary is not the problem, the standby is.', check: 'step 2: nothing of the batch runs on the primary any more' },
  { page: 'pages/demo4.md', says: 'Found: the report (state active, query_age growing).', check: 'step 3 finds the report blocking replay on the standby' },
  { page: 'pages/demo4.md', says: 'Here the delay is -1: it would wait forever.', check: 'step 3 finds the report blocking replay on the standby' },
  { page: 'pages/demo4.md', says: 'its title ends in "waiting" — replay is blocked, not busy', check: 'step 4: the startup process\'s title says it is waiting' },
  { page: 'pages/demo4.md', says: 'Step 1 already showed the standby received the WAL', check: 'step 1 shows the lag, and received (flush) against applied (replay)' },
  { page: 'pages/demo4.md', says: 'Watch the bar: lag falls to 0 within moments.', check: 'cancelling the blocker clears the lag' },
  { page: 'pages/demo4.md', says: 'Lag is now zero.', check: 'step 8: the standby streams again, with no lag' },
  // Demo 5
  { page: 'pages/demo5.md', says: 'We\'re on timeline 1.', check: 'step 1: timeline 1' },
  { page: 'pages/demo5.md', says: 'the WAL file name is this run\'s', check: 'step 1: timeline 1' },
  { page: 'pages/demo5.md', says: 'The bar shows both nodes as primary.', check: 'two primaries' },
  { page: 'pages/demo5.md', says: 'so the block runs CHECKPOINT first', check: 'two primaries' },
  { page: 'pages/demo5.md', says: 'Both have inserted an order with the same ID, but with different data.', check: 'each primary took its own order, under the same id' },
  { page: 'pages/demo5.md', says: 'Notice the WAL filenames: old primary 00000001… (timeline 1), new primary 00000002… (timeline 2).', check: 'the WAL file names carry the timelines: 00000001… on the old primary, 00000002… on the new one' },
  { page: 'pages/demo5.md', says: 'Here the old primary really asks the new primary for its timeline-1 WAL and is refused', check: 'the old primary is refused: a standby on timeline 1 that streams nothing' },
  { page: 'pages/demo5.md', says: 'the old primary still starts and serves its diverged rows read-only — it just never streams', check: 'the old primary is refused: a standby on timeline 1 that streams nothing' },
  { page: 'pages/demo5.md', says: 'pg_rewind identified where timelines diverged and resynced the old primary', check: 'pg_rewind (or its substitute, saying so) and the old primary streams on timeline 2' },
  { page: 'pages/demo5.md', says: 'The old data (ORD-TIMELINE-1) is discarded.', check: 'the rewound node streams from the new primary on timeline 2, without the diverged order' },
  // Demo 6
  { page: 'pages/demo6.md', says: 'sync_state changes only once the walsender and this session have both processed the reload', check: 'step 2 makes the standby synchronous, once the walsender has the reload' },
  { page: 'pages/demo6.md', says: 'the `1 | NULL` an earlier run showed', check: 'no client transaction is in flight: the walsender is not counted' },
  { page: 'pages/demo6.md', says: 'Its control file says where its history ends; the standby has replayed past that point.', check: 'the old primary stopped cleanly, and the standby replayed past its shutdown checkpoint before any promotion' },
  { page: 'pages/demo6.md', says: 'Every row committed before the switchover is on the new primary: the counts are equal.', check: 'no row lost: the new primary has every row the old primary had committed (step 2b\'s twenty)' },
  { page: 'pages/demo6.md', says: 'started as a standby it follows the new timeline by itself', check: 'the old primary rejoins without pg_rewind: a standby streaming on timeline 2 from the new primary, its rows intact' },
  { page: 'pages/demo6.md', says: 'Roles have swapped: old primary is now standby, old standby now primary, zero lag', check: 'the old primary streams from the new one' },
  { page: 'pages/demo6.md', says: 'sync_state shows quorum (not sync) for an ANY list', check: 'ANY 1 (standby, old_primary) on both nodes makes the old primary a quorum standby' },
  { page: 'pages/demo6.md', says: 'Started as a standby as it is, the old primary is refused', check: 'in the seed\'s order the old primary\'s shutdown checkpoint is WAL from the fork on, and as a standby it is refused' },
  { page: 'pages/demo6.md', says: 'Here is the order the seed shows, from a fresh pair', check: 'in the seed\'s order the old primary\'s shutdown checkpoint is WAL from the fork on, and as a standby it is refused' },
  { page: 'pages/demo6.md', says: 'pg_rewind finds where the histories diverged, copies back what the new primary has there, and the old primary can stream again', check: 'in the seed\'s order pg_rewind is mandatory: it finds where the servers diverged, and the old primary streams again' },
  { page: 'pages/demo6.md', says: 'Promotion took what the output says.', check: 'the standby is promoted' },
  // Demo 3's talk says it too
  { page: 'pages/demo3.md', says: 'Promotion took what the output says.', check: 'the promoted standby is a primary on timeline 2' },
  // Demo 7
  { page: 'pages/demo7.md', says: 'Here an application commits numbered rows as fast as it can and keeps every id the primary acknowledged', check: 'asynchronous: acknowledged = surviving + lost, with an async standby under the load' },
  { page: 'pages/demo7.md', says: 'Whether this run lost any, its last lines say.', check: 'asynchronous: acknowledged = surviving + lost, with an async standby under the load' },
  { page: 'pages/demo7.md', says: 'Every acknowledged id is on the standby, however hard the primary died', check: 'synchronous: every acknowledged commit survives the crash' },
  // Demo 8
  { page: 'pages/demo8.md', says: 'Here both standbys answer with the same count and the same newest order', check: 'step 1: both standbys answer the same query with the same rows, read-only' },
  { page: 'pages/demo8.md', says: 'Here the primary lists standby and standby2, both streaming, each with its own replay_lag_bytes.', check: 'step 1: the primary lists each standby with its own lag, both streaming' },
  { page: 'pages/demo8.md', says: 'Here both rows say sync_state quorum, sync_priority 1.', check: 'step 2: ANY 1 (standby, standby2) makes both standbys quorum standbys' },
  { page: 'pages/demo8.md', says: 'Here the commit waits on SyncRep past its `statement_timeout`, and other sessions do not see the row while it waits.', check: 'step 2: with both frozen the commit waits past its statement_timeout, unseen by others, NOT acknowledged; cancelled, PostgreSQL warns that it already committed locally, and the row is then visible' },
  { page: 'pages/demo8.md', says: 'Here the commit returned only after the primary\'s log said terminating walsender process due to replication timeout', check: 'step 2: FIRST 1 makes standby sync and standby2 potential; with standby frozen a commit waits until wal_sender_timeout drops it and standby2 becomes sync, far longer than under ANY 1' },
  { page: 'pages/demo8.md', says: 'Here the primary\'s pg_stat_replication lists standby only, and the standby\'s lists standby2.', check: 'step 3: in the cascade the primary\'s pg_stat_replication lists standby only, the standby\'s lists standby2' },
  { page: 'pages/demo8.md', says: 'Here standby2\'s received LSN stays behind the primary\'s and the new table is missing there until the thaw', check: 'step 3: with the middle node frozen standby2 receives nothing new; after the thaw it has the rows' },
  { page: 'pages/demo8.md', says: 'Here the block reads on both how much WAL each has, promotes the one ahead, and looks up every acknowledged id on it: none lost.', check: 'step 4: the standby furthest ahead by WAL (received, or replayed if further) is promoted, and no acknowledged commit is lost under ANY 1; the one that was down lacked some' },
  { page: 'pages/demo8.md', says: 'Here the follower streams on timeline 2 from the same server process, with every row of the new primary', check: 'step 4: after a reload (same server process) the other standby streams on timeline 2 from the new primary, recovery_target_timeline latest, with every row' },
];
