const smile = 'smile';
export { smile as '😀', smile as 'with space' };
