function labels(grid){
  let found = -1;
  outer: for (let r = 0; r < grid.length; r++) {
    inner: for (let c = 0; c < grid[r].length; c++) {
      if (grid[r][c] < 0) continue outer;
      if (grid[r][c] === 0) break inner;
      if (grid[r][c] === 9) { found = r; break outer; }
    }
  }
  block: { if (found < 0) break block; found += 100; }
  return found;
}
labels([[1, 9], [0]]);
