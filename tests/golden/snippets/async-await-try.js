// An async function awaiting inside try/catch/finally, and an async arrow
// capturing its parameter.
async function load(url) {
  const cache = [];
  try {
    cache.push(await url);
  } catch (e) {
    return null;
  } finally {
    cache.length = 0;
  }
  const later = async () => url;
  return later();
}
load("a");
