/** A sentence saying why this Node cannot run Handrail, or undefined when it can. */
export function unsupportedNode(version?: string): string | undefined;
