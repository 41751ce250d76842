try { const r = Proxy.revocable({}, {}); r.revoke(); Array.isArray(r.proxy); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
