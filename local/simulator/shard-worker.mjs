// Worker entry from the sources (SIM_BENCH_BUNDLE=0): the forked process gets no tsx loader, so register it here.
import { register } from 'tsx/esm/api';

register();
await import('./shard-worker.ts');
