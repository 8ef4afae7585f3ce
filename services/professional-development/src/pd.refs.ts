/** An entity of another subgraph, by id: the gateway resolves the rest. */
export const ref = (id: string | null | undefined) => (id ? { id } : null);
