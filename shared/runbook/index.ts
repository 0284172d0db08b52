/** The runbook model, its diagnostics and the import review, shared by host and renderer. */
export * from './model';
export * from './diagnostics';
export * from './review';
