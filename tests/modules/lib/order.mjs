console.log('order.mjs evaluated');
export const seen = [];
