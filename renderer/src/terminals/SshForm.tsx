import { useState } from 'react';
import type { SshProfileInput } from '../../../shared/contract/index';
import { SshFields } from './SshFields';
import { fieldsOf, profileOf } from './ssh-destination';

/** A control host: an ssh_config alias or user@host:port, an optional jump host and config file. */
export function SshForm({ onOpen }: { onOpen: (profile: SshProfileInput) => void }) {
  const [values, setValues] = useState(() => fieldsOf(undefined));
  return (
    <form
      className="terminal-ssh-form"
      onSubmit={(event) => {
        event.preventDefault();
        const profile = profileOf(values);
        if (profile !== undefined) onOpen(profile);
      }}
    >
      <SshFields values={values} onChange={setValues} />
      <button type="submit">Connect</button>
    </form>
  );
}
