// Stand-in for @supabase/supabase-js (not packaged by Debian) for the render test: a client with
// no session whose queries answer with no rows, so pages render their empty state offline.
function query(result) {
  const builder = new Proxy(function () {}, {
    get(_, member) {
      if (member === "then") return (resolve, reject) => Promise.resolve(result).then(resolve, reject);
      if (member === "single" || member === "maybeSingle") return () => query({ data: null, error: null });
      return () => builder;
    },
    apply() { return builder; },
  });
  return builder;
}

export function createClient() {
  const none = { data: { session: null, user: null, subscription: { unsubscribe() {} } }, error: null };
  return {
    from: () => query({ data: [], error: null }),
    rpc: () => query({ data: null, error: null }),
    functions: { invoke: async () => ({ data: null, error: null }) },
    storage: { from: () => query({ data: null, error: null }) },
    auth: new Proxy({}, {
      get(_, member) {
        if (member === "onAuthStateChange") return () => none;
        return async () => none;
      },
    }),
  };
}
