#!/bin/sh
# Test only: the Chromium the host starts for PDF export, run under strace so that the offline
# counters see its DNS queries and connections (test/support/offline-counters.ts). The e2e fixture
# names this script in HANDRAIL_CHROMIUM, the real binary in HANDRAIL_TRACED_CHROMIUM and the
# folder for the traces in HANDRAIL_CHROMIUM_TRACES. Every process Chromium starts is followed
# (-f); -yy prints each socket's protocol and addresses; write() is traced for datagrams sent on
# a connected socket.
exec strace -f -qq -yy -e signal=none \
  -e trace=connect,sendto,sendmsg,sendmmsg,write \
  -o "$HANDRAIL_CHROMIUM_TRACES/chromium-$$.strace" \
  "$HANDRAIL_TRACED_CHROMIUM" "$@"
