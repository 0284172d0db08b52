import { useState } from 'react';
import type { SshProfileInput } from '../../../shared/contract/index';

/** A control host: an ssh_config alias or user@host:port, and an optional jump host. */
export function SshForm({ onOpen }: { onOpen: (profile: SshProfileInput) => void }) {
  const [destination, setDestination] = useState('');
  const [jump, setJump] = useState('');
  return (
    <form
      className="terminal-ssh-form"
      onSubmit={(event) => {
        event.preventDefault();
        const profile = parseDestination(destination.trim());
        if (profile === undefined) return;
        onOpen(jump.trim() === '' ? profile : { ...profile, jump: jump.trim() });
      }}
    >
      <input
        aria-label="Host"
        placeholder="ssh_config alias or user@host:port"
        value={destination}
        onChange={(event) => setDestination(event.target.value)}
      />
      <input
        aria-label="Jump host"
        placeholder="jump host (optional)"
        value={jump}
        onChange={(event) => setJump(event.target.value)}
      />
      <button type="submit">Connect</button>
    </form>
  );
}

function parseDestination(text: string): SshProfileInput | undefined {
  const match = /^(?:([^@\s]+)@)?([^:\s]+)(?::(\d+))?$/.exec(text);
  if (match === null) return undefined;
  const [, user, host, port] = match;
  if (host === undefined) return undefined;
  return {
    host,
    ...(user === undefined ? {} : { user }),
    ...(port === undefined ? {} : { port: Number(port) }),
  };
}
