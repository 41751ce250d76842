try { const r = Proxy.revocable({}, {}); r.revoke(); r.proxy.x; } catch (e) { console.log(e.constructor.name + ": " + e.message); }
