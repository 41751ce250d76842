// An async generator delegating with yield* and a for await consumer.
async function* pages() {
  yield 1;
  yield* [2, 3];
}
async function consume() {
  for await (const p of pages()) if (p > 2) break;
}
consume();
