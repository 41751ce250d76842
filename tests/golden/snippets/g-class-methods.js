class Shape {
  constructor(name){ this.name = name; }
  describe(){ return 'shape ' + this.name; }
  get label(){ return this.name.toUpperCase(); }
  static create(n){ return new Shape(n); }
  static get kind(){ return 'Shape'; }
}
Shape.create('sq').describe(); Shape.kind;
