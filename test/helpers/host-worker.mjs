// Worker threads don't inherit tsx's loader from execArgv here: register it, then load the TS entry.
import { register } from 'tsx/esm/api';

register();
await import('./host-worker.ts');
