function catches(f){
  let log = '';
  try { f(); } catch (plain) { log += plain; }                   // not captured: register
  try { f(); } catch (kept) { log += (() => kept)(); }           // captured: catch context
  try { f(); } catch { log += '!'; }                             // no binding
  try { f(); } catch ({ message }) { log += message; }           // destructured binding
  return log;
}
catches(function thrower(){ throw new Error('x') });
