function control(n){
  let out = 0;
  for (let i = 0; i < n; i++) {
    try {
      if (i === 1) continue;
      if (i === 3) break;
      if (i === 5) return -1;
      out += i;
    } finally {
      out += 10;
    }
  }
  return out;
}
control(5);
