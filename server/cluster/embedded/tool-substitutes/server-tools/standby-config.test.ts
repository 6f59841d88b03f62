import { describe, expect, it } from 'vitest';
import { recoveryConninfo } from './standby-config';

const reached = { host: '127.0.0.1', port: '47003' };

describe('the primary_conninfo pg_basebackup -R writes', () => {
  it('keeps the user, password and application_name the seed passes in -d, with the host and port reached', () => {
    expect(recoveryConninfo('host=postgres-standby port=5432 user=replicator password=replicator_password application_name=old_primary dbname=x',
      { fallback: 'postgres' }, reached))
      .toBe('user=replicator password=replicator_password host=127.0.0.1 port=47003 application_name=old_primary');
  });

  it('-U wins over the conninfo\'s user; with neither, the fallback (PGUSER, else postgres)', () => {
    expect(recoveryConninfo('user=a', { option: 'b', fallback: 'postgres' }, reached)).toBe('user=b host=127.0.0.1 port=47003');
    expect(recoveryConninfo(undefined, { fallback: 'postgres' }, reached)).toBe('user=postgres host=127.0.0.1 port=47003');
    expect(recoveryConninfo('mydb', { fallback: 'me' }, reached)).toBe('user=me host=127.0.0.1 port=47003');
  });

  it('quotes as libpq does: values with anything but letters, digits, _ and . are quoted, \' and \\ escaped', () => {
    expect(recoveryConninfo("postgresql://u:p%20w'@h:1/db?application_name=a-b", { fallback: 'x' }, reached))
      .toBe("user=u password='p w\\'' host=127.0.0.1 port=47003 application_name='a-b'");
  });
});
