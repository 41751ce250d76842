// Classes: constructors, derived classes, super calls, methods, getters and
// static methods.
let made = 0;
class Shape {
  static count() { return made; }
  constructor(name) { this.name = name; made++; }
  area() { return 0; }
  describe() { return this.name + " with area " + this.area(); }
  get label() { return "<" + this.name + ">"; }
}
class Rect extends Shape {
  constructor(w, h) { super("rect"); this.w = w; this.h = h; this.sides = 4; }
  area() { return this.w * this.h; }
}
class Square extends Rect {
  constructor(s) { super(s, s); this.name = "square"; }
  describe() { return super.describe() + "!"; }
}
const shapes = [new Shape("dot"), new Rect(2, 3), new Square(4)];
for (const s of shapes) console.log(s.describe(), s.label, s.sides);
console.log("shapes made:", Shape.count());
