// __snapshot at two points; the second label tries to leave the snapshot
// directory. Prints what __snapshot returned.
var first = __snapshot("before");
var junk = [];
for (var i = 0; i < 100; i++) junk.push({ i: i });
var second = __snapshot("../../escape attempt");
console.log(typeof first, typeof second);
