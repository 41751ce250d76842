console.log('fast: runs');
export const value = 'fast value';
