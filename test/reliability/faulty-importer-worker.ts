import { hostReaders, serve } from './importer-fuzz-reader';

/**
 * Fault injection for the fuzz counters: the real readers, except that an input holding
 * "INJECT-CRASH" hits a TypeError and one holding "INJECT-HANG" never returns.
 */
serve((input) => {
  if (input.text.includes('INJECT-CRASH'))
    (undefined as unknown as { steps: string[] }).steps.push(input.text);
  if (input.text.includes('INJECT-HANG')) for (;;);
  return hostReaders[input.target](input.text);
});
