try { eval('switch (1) { default: default: }'); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
