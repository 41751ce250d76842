import { value } from './slow.mjs';
console.log('uses-slow: sees', value);
export const derived = value.toUpperCase();
