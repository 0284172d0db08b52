/** The parsed inventory model, shared by host and renderer. */
export * from './model';
