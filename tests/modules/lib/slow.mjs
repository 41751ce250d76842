console.log('slow: start');
export const value = await new Promise((resolve) => setTimeout(() => resolve('slow value'), 5));
console.log('slow: done');
