--> Annex B HTML-like comments: this line starts with one.
/* a comment */ /* another */ --> and so does this one
var log = []; <!-- `<!--` ends the line anywhere
log.push(1) <!-- log.push("not run")
var x = 5;
var y = x
--> x-- is not seen: `-->` at a line start is a comment
log.push(x, y);
var z = x-->1;  // not at a line start: x-- > 1
log.push(z, x);
/*
*/ --> after a multi-line comment with a line break
   /* c */ --> after whitespace and a comment
log.push(Function("a", "<!-- ignored\nreturn a * 2")(21));
log.push(Function("\n-->", "return 'params'")());
log.push(Function("-->")());
try { Function("-->", ""); } catch (e) { log.push(e.constructor.name); }
log.push(eval("1 <!-- 2"), eval("3\n--> 4"));
log.push(typeof Function("<!--"));
console.log(log.join(" "));
