function optional(o){
  const a = o?.x;
  const b = o?.[0]?.y;
  const c = o?.f?.(1);
  const d = o.g?.();
  return [a, b, c, d, o?.x.y.z];
}
optional({ x: { y: {} }, f: (v) => v, g: null });
