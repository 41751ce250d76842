export * from './counter.mjs';
export { count as total, increment as bump } from './counter.mjs';
export * as counter from './counter.mjs';
import { label } from './counter.mjs';
export { label as name };
