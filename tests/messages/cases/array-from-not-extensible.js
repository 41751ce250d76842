try { Array.from.call(function () { return Object.preventExtensions({}); }, [1]); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
