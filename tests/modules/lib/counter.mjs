// A counter whose binding importers see change (live bindings).
export let count = 0;
export function increment() { count++; }
export var label = 'counter';
export default function () { return 'anonymous default'; }
export const later = 'set';
