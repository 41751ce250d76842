try { ({}) instanceof { [Symbol.hasInstance]: "s" }; } catch (e) { console.log(e.constructor.name + ": " + e.message); }
