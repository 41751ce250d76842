const f = () => {}; try { new f(); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
