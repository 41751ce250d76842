class Base {
  constructor(x){ this.x = x; }
  value(){ return this.x; }
  static make(){ return 'base'; }
}
class Derived extends Base {
  constructor(x, y){ super(x); this.y = y; }
  value(){ return super.value() + this.y; }
  static make(){ return super.make() + '!'; }
  later(){ return () => super.value(); }       // arrow capturing home object and this
}
new Derived(1, 2).value(); Derived.make(); new Derived(3, 4).later()();
