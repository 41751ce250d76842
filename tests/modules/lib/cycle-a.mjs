import { b, fromB } from './cycle-b.mjs';
export function fromA() { return 'A sees b = ' + b; }
export let a = 'a';
console.log('evaluating a:', fromB());
