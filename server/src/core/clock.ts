/**
 * The one clock of the core and the generators, for timings: monotonic where the platform has
 * `performance` (Node, browsers and their workers), the wall clock elsewhere.
 */
export const now = (): number => (typeof performance !== 'undefined' && performance ? performance.now() : Date.now());
