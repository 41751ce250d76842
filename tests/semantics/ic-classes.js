// Class hierarchies: super calls, same-named methods in sibling classes, overriding.
class Animal {
  constructor(name) { this.name = name; }
  speak() { return this.name + ' makes a sound'; }
  get kind() { return 'animal'; }
  static create(n) { return new this(n); }
}
class Dog extends Animal {
  speak() { return super.speak() + ' (woof)'; }
  get kind() { return 'dog/' + super.kind; }
}
class Cat extends Animal {
  speak() { return super.speak() + ' (meow)'; }
}
class Puppy extends Dog {
  constructor(n) { super(n); this.age = 0; }
  speak() { return super.speak() + ' (yip)'; }
}
const zoo = [new Animal('a'), new Dog('d'), new Cat('c'), new Puppy('p'), Dog.create('d2'), Puppy.create('p2')];
function talk(x) { return x.speak(); }
function kind(x) { return x.kind; }
function nm(x) { return x.name; }
for (let r = 0; r < 2; r++) for (const z of zoo) console.log(talk(z), kind(z), nm(z));
// Override a method on the middle class after caching.
Dog.prototype.speak = function () { return 'patched dog ' + this.name; };
for (const z of zoo) console.log(talk(z));
// Add an own method on an instance.
zoo[2].speak = () => 'own speak';
console.log(talk(zoo[2]), talk(new Cat('c2')));
// Static method inheritance and overriding.
class Base { static id() { return 'Base'; } static who() { return this.id(); } }
class Derived extends Base {}
function who(c) { return c.who(); }
console.log(who(Base), who(Derived), who(Derived));
Derived.id = () => 'Derived';
console.log(who(Base), who(Derived));
// super property through a changed home-object prototype.
class X { m() { return 'X'; } }
class Y extends X { m() { return 'Y>' + super.m(); } }
const y = new Y();
for (let i = 0; i < 3; i++) console.log(y.m());
Object.setPrototypeOf(Y.prototype, { m() { return 'Z'; } });
console.log(y.m());
// instance fields assigned in constructors of different classes.
class Q { constructor() { this.a = 1; this.b = 2; } }
class R extends Q { constructor() { super(); this.c = 3; } }
function sumAB(o) { return o.a + o.b; }
console.log([new Q(), new R(), new Q(), new R()].map(sumAB).join(), JSON.stringify(new R()));
// toString via class name and accessor on prototype chain.
console.log(String(Object.getOwnPropertyNames(Puppy.prototype)), Puppy.name, Puppy.length);
