try { eval('a `b` `c` d`e`'); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
