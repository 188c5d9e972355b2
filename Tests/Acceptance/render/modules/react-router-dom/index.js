// Stand-in for react-router-dom (not packaged by Debian) for the render test: the same component
// and hook names the generated app imports, with history-API routing and `:param` matching.
import { Children, createContext, createElement, isValidElement, useContext, useEffect, useState } from "react";

const RouterContext = createContext({ path: "/", params: {}, navigate: () => {} });

export function BrowserRouter({ children }) {
  const [path, setPath] = useState(window.location.pathname);
  useEffect(() => {
    const onPop = () => setPath(window.location.pathname);
    window.addEventListener("popstate", onPop);
    return () => window.removeEventListener("popstate", onPop);
  }, []);
  const navigate = (to) => {
    if (typeof to === "number") { window.history.go(to); return; }
    window.history.pushState(null, "", to);
    setPath(new URL(to, window.location.href).pathname);
  };
  return createElement(RouterContext.Provider, { value: { path, params: {}, navigate } }, children);
}

function match(pattern, path) {
  const want = pattern.split("/").filter(Boolean);
  const have = path.split("/").filter(Boolean);
  if (want.length !== have.length) return null;
  const params = {};
  for (let i = 0; i < want.length; i++) {
    if (want[i].startsWith(":")) params[want[i].slice(1)] = decodeURIComponent(have[i]);
    else if (want[i] !== have[i]) return null;
  }
  return params;
}

export function Routes({ children }) {
  const context = useContext(RouterContext);
  for (const child of Children.toArray(children)) {
    if (!isValidElement(child)) continue;
    const params = match(child.props.path ?? "", context.path);
    if (params) return createElement(RouterContext.Provider, { value: { ...context, params } }, child.props.element);
  }
  return null;
}

export function Route() { return null; }

export function Link({ to, children, ...rest }) {
  const { navigate } = useContext(RouterContext);
  const onClick = (event) => { event.preventDefault(); navigate(to); };
  return createElement("a", { ...rest, href: to, onClick }, children);
}

export const NavLink = Link;
export function useParams() { return useContext(RouterContext).params; }
export function useNavigate() { return useContext(RouterContext).navigate; }
export function useLocation() { return { pathname: useContext(RouterContext).path }; }
export function Navigate({ to }) {
  const { navigate } = useContext(RouterContext);
  useEffect(() => navigate(to), [to]);
  return null;
}
