/** What a run's state means, computed the same way by the host and the renderer. */
export * from './step-tally';
export * from './tally-wording';
export * from './host-outcome';
