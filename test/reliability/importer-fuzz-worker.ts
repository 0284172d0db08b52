import { hostReaders, serve } from './importer-fuzz-reader';

/** The fuzz worker: each input through the host's importer or runbook parser. */
serve((input) => hostReaders[input.target](input.text));
