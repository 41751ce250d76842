// A timer that falls due while the script still runs fires as soon as the
// loop starts, not when the next, later timer does.
const start = Date.now();
setTimeout(() => console.log('first', Date.now() - start < 400 ? 'on time' : 'late: ' + (Date.now() - start)), 1);
setTimeout(() => console.log('second'), 600);
while (Date.now() - start < 30);
