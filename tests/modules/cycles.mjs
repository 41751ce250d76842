// Cycles: dependencies first, hoisted functions callable across the cycle,
// lexical exports in their TDZ until their module runs.
import { a, fromA } from './lib/cycle-a.mjs';
import { b } from './lib/cycle-b.mjs';
console.log('main:', a, b, fromA());
