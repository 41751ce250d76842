// A setInterval callback keeps its scope alive until clearInterval; a
// sibling closure that captured `history` makes that scope hold it too.
// A queued microtask holds its callback's scope the same way.
var timer;
function startPolling() {
  const history = new Array(150000).fill(0);
  let ticks = 0;
  function report() { return history.length; }
  timer = setInterval(function poll() { ticks++; }, 1);
}
startPolling();
function schedule() {
  const payload = new Array(40000).fill(2);
  queueMicrotask(function consume() { return payload.length; });
}
schedule();
__snapshot("queued");
setTimeout(function stop() {
  __snapshot("polling");
  clearInterval(timer);
}, 20);
