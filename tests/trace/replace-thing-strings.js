// The classic replaceThing leak with its long string (as the Meteor blog
// wrote it, scaled from 1,000,000 to 10,000 characters): every theThing stays
// reachable through `originalThing`, captured by `unused`'s shared context.
// A trace must not grow with the string's length at every step that sees it.
var theThing = null;
var replaceThing = function () {
  var originalThing = theThing;
  var unused = function () {
    if (originalThing) console.log("hi");
  };
  theThing = {
    longStr: new Array(10000).join("*"),
    someMethod: function () {
      console.log("someMessage");
    }
  };
};
for (var i = 0; i < 100; i++) replaceThing();
console.log(theThing.longStr.length);
