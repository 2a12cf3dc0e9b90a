/**
 * The V8 flags the simulator's processes run with. `npm start` and `npm run simulate` pass them to tsx in
 * package.json (a unit test keeps the two alike); the benchmark's workers and `npm run profile` add
 * `--single-threaded-gc` (see bench/simulator.bench.ts).
 *
 * `--no-allocation-site-pretenuring`: a simulated shard keeps every execution's history, so V8 sees most history
 * events and store entries survive, and allocates them straight into the old generation. Each then points at values
 * that are still young (a state's input and output), and every such store takes the write barrier's slow path into
 * the remembered set. Allocating them young and letting the scavenger promote them costs less: measured on
 * 2026-12-01, 9% less CPU a journey over eight alternating pairs of 3-shard runs, all eight in favour, with the
 * scavenger's own time up by a fifth. Lambda never runs this process; the flag changes no result, only the heap's
 * bookkeeping.
 */
export const SIMULATOR_V8_FLAGS: readonly string[] = ['--no-allocation-site-pretenuring'];

/** The benchmark worker's flags: one collector thread a process, as there is one worker a core. */
export const SHARD_WORKER_FLAGS: readonly string[] = ['--single-threaded-gc', ...SIMULATOR_V8_FLAGS];
