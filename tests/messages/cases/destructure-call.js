const f = () => null; try { const {p} = f(); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
