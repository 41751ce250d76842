// A closure leak in the spirit of the classic examples: makeWidget returns a
// tiny `onClick` handler that uses nothing of the widget, yet the widget's
// big `pixels` buffer stays alive as long as the handler does.
//
// Why: `render` (a sibling closure) mentions `pixels`, so `pixels` lives in
// makeWidget's one function context, and every closure made in that call --
// `onClick` included -- points at that same context.
//
//   jsvm disasm examples/closure-leak.js  shows it in makeWidget's bytecode:
//   CreateFunctionContext [0], [3] makes one context with three slots: the
//   parameter `name` (slot [2], read by onClick), `pixels` ([3], read by
//   render) and `clicks` ([4], read by onClick). `size`, which no inner
//   function mentions, stays in register r0. The returned onClick is made by
//   CreateClosure in that context, so it holds all three.

function makeWidget(name) {
  var size = 4096;
  var pixels = new Array(size).fill(0);      // the expensive part
  var clicks = 0;
  function render() { return pixels.length; } // captures pixels; never called
  return function onClick() {                 // captures only `clicks`
    clicks++;
    return name + " clicked " + clicks + " time" + (clicks === 1 ? "" : "s");
  };
}

var handlers = [];
for (var i = 0; i < 3; i++) handlers.push(makeWidget("widget" + i));

console.log(handlers[0]());
console.log(handlers[0]());
console.log(handlers[2]());
// Each handler keeps its own widget's context: pixels, clicks, name.
console.log("live handlers:", handlers.length);

// The fix: drop the reference to the buffer once it is not needed, or keep
// the big value out of any scope that a long-lived closure shares.
function makeWidgetFixed(name) {
  var clicks = 0;
  var rendered = (function () {
    var pixels = new Array(4096).fill(0);
    return pixels.length;                     // only the number escapes
  })();
  return function onClick() {
    clicks++;
    return name + " (" + rendered + " px) clicked " + clicks;
  };
}
console.log(makeWidgetFixed("fixed")());
