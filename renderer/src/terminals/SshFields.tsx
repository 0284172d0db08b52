import type { SshFieldValues } from './ssh-destination';

/** The inputs of an SSH control host, without a form of their own (forms embed them). */
export function SshFields({
  values,
  onChange,
}: {
  values: SshFieldValues;
  onChange: (values: SshFieldValues) => void;
}) {
  return (
    <>
      <input
        aria-label="Host"
        placeholder="ssh_config alias or user@host:port"
        value={values.destination}
        onChange={(event) => onChange({ ...values, destination: event.target.value })}
      />
      <input
        aria-label="Jump host"
        placeholder="jump host (optional)"
        value={values.jump}
        onChange={(event) => onChange({ ...values, jump: event.target.value })}
      />
      <input
        aria-label="ssh_config file"
        placeholder="ssh_config file (optional)"
        value={values.configFile}
        onChange={(event) => onChange({ ...values, configFile: event.target.value })}
      />
    </>
  );
}
