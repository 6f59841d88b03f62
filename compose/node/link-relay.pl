#!/usr/bin/perl
# link-relay.pl LISTEN_PORT TARGET_PORT CONTROL_FILE
# The network between the nodes, inside each node: the other nodes stream from LISTEN_PORT, which forwards to the
# server on TARGET_PORT. CONTROL_FILE's first line is "<cut 0|1> <round-trip delay ms>" for connections from an
# address it does not name; each further line "<peer address> <cut 0|1> <delay ms>" is the link to that peer (so each
# link of this node has its own faults: shared/link-faults.ts). Once a change is in place the relay copies it to
# CONTROL_FILE.applied. A cut forwards nothing either way and holds new connections (packets dropped, not refused:
# PostgreSQL notices only through its own timeouts); held data flows when the link heals. A delay makes each chunk
# wait half the round trip in each direction.
# Perl because it is in every Debian-based PostgreSQL image (PostgreSQL's own packaging needs it), and because the
# kernels this runs on may lack tc's netem (a Firecracker VM here has neither netem nor prio).
# Nothing blocks: a peer that stops reading (a paused container) only fills its own queue, never stalls the relay.
use strict;
use warnings;
use IO::Socket::INET;
use IO::Select;
use Errno qw(EAGAIN EWOULDBLOCK EINTR);
use Socket qw(IPPROTO_TCP TCP_NODELAY);
use Time::HiRes qw(time);

my ($listen_port, $target_port, $control) = @ARGV;
die "usage: link-relay.pl LISTEN_PORT TARGET_PORT CONTROL_FILE\n" unless $control;
$SIG{PIPE} = 'IGNORE';    # a write to a closed peer fails with EPIPE instead of ending the relay

my $server = IO::Socket::INET->new(LocalPort => $listen_port, Listen => 64, ReuseAddr => 1, Proto => 'tcp')
  or die "link-relay: cannot listen on $listen_port: $!\n";
$server->blocking(0);
$| = 1;
print "link-relay: $listen_port -> 127.0.0.1:$target_port\n";

use constant QUEUE_LIMIT => 4 * 1024 * 1024;    # stop reading a source while its destination has this much waiting

my $seen = '';
my %faults = ('' => [0, 0]);    # peer address ('' = any other) -> [cut, delay ms]
my %source;    # fileno -> the peer address its connection came from
my %other;     # fileno -> the socket at the other end of its connection
my %socket;    # fileno -> socket
my %queue;     # fileno of a destination -> [ [due, bytes], ... ]
my %queued;    # fileno of a destination -> bytes waiting
my @held;      # clients accepted while the link is cut

sub read_control {
  open(my $fh, '<', $control) or return;
  my $text = do { local $/; <$fh> } // '';
  close $fh;
  return if $text eq $seen;
  $seen = $text;
  %faults = ('' => [0, 0]);
  my ($first, @peers) = split /\n/, $text;
  $faults{''} = [$1, $2] if ($first // '') =~ /^\s*(\d+)\s+(\d+)/;
  for (@peers) { $faults{$1} = [$2, $3] if /^\s*(\S+)\s+(\d+)\s+(\d+)/; }
  my @still;
  for my $client (@held) { if (faults_of_peer($client->peerhost)->[0]) { push @still, $client; } else { open_upstream($client); } }
  @held = @still;
  open(my $out, '>', "$control.applied.tmp") or return;
  print $out $text;
  close $out;
  rename "$control.applied.tmp", "$control.applied";
}

sub faults_of_peer { my ($peer) = @_; return $faults{$peer // ''} // $faults{''}; }
sub faults_of { my ($fd) = @_; return faults_of_peer($source{$fd}); }

sub open_upstream {
  my ($client) = @_;
  my $peer = $client->peerhost // '';
  my $upstream = IO::Socket::INET->new(PeerAddr => '127.0.0.1', PeerPort => $target_port, Proto => 'tcp');
  if (!$upstream) { close $client; return; }
  for my $s ($client, $upstream) {
    $s->blocking(0);
    # PostgreSQL's protocol is request/answer: Nagle's algorithm would hold small messages back ~40 ms
    setsockopt($s, IPPROTO_TCP, TCP_NODELAY, 1);
    $socket{fileno $s} = $s;
    $source{fileno $s} = $peer;
    $queue{fileno $s} = [];
    $queued{fileno $s} = 0;
  }
  $other{fileno $client} = $upstream;
  $other{fileno $upstream} = $client;
}

sub drop {
  my ($s) = @_;
  my @ends = grep { defined } ($s, $other{fileno($s) // -1});
  for my $end (@ends) {
    my $fd = fileno($end) // next;
    delete $socket{$fd};
    delete $source{$fd};
    delete $other{$fd};
    delete $queue{$fd};
    delete $queued{$fd};
    close $end;
  }
}

# writes what is due to `fd`; a partial write leaves the rest at the head of its queue
sub flush_due {
  my ($fd, $now) = @_;
  my $q = $queue{$fd} or return;
  while (@$q && $q->[0][0] <= $now) {
    my $n = syswrite($socket{$fd}, $q->[0][1]);
    if (!defined $n) {
      return if $! == EAGAIN || $! == EWOULDBLOCK || $! == EINTR;
      drop($socket{$fd});
      return;
    }
    $queued{$fd} -= $n;
    if ($n < length $q->[0][1]) { substr($q->[0][1], 0, $n) = ''; return; }
    shift @$q;
  }
}

my $next_control = 0;
while (1) {
  my $now = time;
  if ($now >= $next_control) { read_control(); $next_control = $now + 0.05; }

  my ($reads, $writes) = (IO::Select->new($server), IO::Select->new);
  my $wait = 0.05;
  for my $fd (keys %socket) {
    next if faults_of($fd)->[0];
    my $to = $other{$fd} or next;
    $reads->add($socket{$fd}) if ($queued{fileno $to} // 0) < QUEUE_LIMIT;
    my $q = $queue{$fd};
    next unless @$q;
    my $due = $q->[0][0] - $now;
    if ($due <= 0) { $writes->add($socket{$fd}); } elsif ($due < $wait) { $wait = $due; }
  }
  my ($readable, $writable) = IO::Select->select($reads, $writes, undef, $wait < 0.001 ? 0.001 : $wait);
  $now = time;

  for my $s (@{ $writable // [] }) {
    my $fd = fileno($s) // next;
    flush_due($fd, $now) if $socket{$fd};
  }
  for my $s (@{ $readable // [] }) {
    if ($s == $server) {
      while (my $client = $server->accept) {
        if (faults_of_peer($client->peerhost)->[0]) { push @held, $client; } else { open_upstream($client); }
      }
      next;
    }
    my $fd = fileno($s) // next;
    next unless $socket{$fd};
    my $to = $other{$fd} or next;
    my $n = sysread($s, my $buffer, 65536);
    if (!defined $n) { next if $! == EAGAIN || $! == EWOULDBLOCK || $! == EINTR; drop($s); next; }
    if ($n == 0) { drop($s); next; }
    my $dest = fileno $to;
    push @{ $queue{$dest} }, [ $now + faults_of($fd)->[1] / 2000, $buffer ];
    $queued{$dest} += $n;
  }
}
