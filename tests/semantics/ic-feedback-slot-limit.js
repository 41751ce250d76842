// A function with more than 65535 feedback slots: NewFeedbackSlot saturates at 0xFFFF,
// so the sites past it share slot 0xFFFF, which is one past the end of FunctionInfo::ics
// (feedback_slot_count stays 65535).
const body = [];
for (let i = 0; i < 65535; i++) body.push('d.p;');
// Past the limit: a load through a prototype, then a store at a site sharing its cache.
body.push('var r1 = o.m;');
body.push("o.x = 'X';");
body.push('return r1;');
const f = new Function('d', 'o', body.join('\n'));
const o = Object.create({ a: 'A', b: 'B', m: 'M' });
o.x = 'x'; o.y = 'y'; o.z = 'z';
console.log(f({ p: 1 }, o), JSON.stringify(o));
console.log(f({ p: 1 }, o), JSON.stringify(o));
