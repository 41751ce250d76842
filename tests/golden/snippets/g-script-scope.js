let topLet = 1;
const topConst = 2;
var topVar = 3;
function readTop(){ return topLet + topConst + topVar; }
{
  let blockTop = 4;
  globalThis.readBlockTop = () => blockTop;
}
topLet = readTop();
readBlockTop();
