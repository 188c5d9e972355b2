// The TypeScript check's own declarations (Tests/Acceptance, never part of a generated project).
//
// A generated project gets its types from npm packages (React, Next.js, Supabase, zod, Stripe,
// Resend, Vite, Deno) that cannot be installed where the tests run. This file stands in for them:
// - JSX mechanics: the JSX namespace (any intrinsic element, `children` as the children
//   attribute, `key`), so that elements and components type-check as React's types would;
// - React's hooks with their real generic signatures, so state and effects are checked;
// - every other third-party module the templates import, typed loosely (`any`), by name: an
//   import of a module not listed here is an error, as it would be without the package;
// - the runtime globals those packages declare: `process.env` (Node), `import.meta.env` and CSS
//   imports (Vite), `Deno` (Supabase Edge Functions).
// Errors that remain are the generated code's own, except the classes listed in
// engine_acceptance.py (TOLERATED_TS_ERRORS), which only the loose types cause.

declare namespace JSX {
  type Element = any;
  interface ElementClass { render(): any }
  interface ElementAttributesProperty { props: {} }
  interface ElementChildrenAttribute { children: {} }
  interface IntrinsicAttributes { key?: string | number | null }
  interface IntrinsicElements { [element: string]: any }
}
declare var process: { env: Record<string, string | undefined> };
interface ImportMeta { readonly env: Record<string, string | undefined>; readonly url: string }
declare var Deno: any;
declare module "react" {
  export type ReactNode = any;
  export type ReactElement = any;
  export type FormEvent<T = any> = any;
  export type ChangeEvent<T = any> = any;
  export type MouseEvent<T = any> = any;
  export type Dispatch<A> = (value: A) => void;
  export type SetStateAction<S> = S | ((previous: S) => S);
  export function useState<S>(initial: S | (() => S)): [S, Dispatch<SetStateAction<S>>];
  export function useState<S = undefined>(): [S | undefined, Dispatch<SetStateAction<S | undefined>>];
  export function useEffect(effect: () => void | (() => void), deps?: readonly unknown[]): void;
  export function useMemo<T>(factory: () => T, deps: readonly unknown[]): T;
  export function useCallback<T extends (...args: any[]) => any>(callback: T, deps: readonly unknown[]): T;
  export function useRef<T>(initial: T): { current: T };
  export function useTransition(): [boolean, (callback: () => void | Promise<void>) => void];
  export function useId(): string;
  export const StrictMode: any;
  export const Fragment: any;
  export const Suspense: any;
}
declare module "react/jsx-runtime" { export const jsx: any; export const jsxs: any; export const Fragment: any; }
declare module "react-dom/client" { export function createRoot(container: Element): { render(node: any): void }; }

declare module "zod" {
  // The part of zod's API the templates use, so that a misspelt or missing method is an error;
  // parsed values are `any` (zod's inference needs its real types).
  export interface ZodType<T = any> {
    _output: T;
    safeParse(value: unknown): { success: true; data: T; error?: undefined } | { success: false; data?: undefined; error: { flatten(): any; issues: any[] } };
    parse(value: unknown): T;
  }
  export interface ZodSchema extends ZodType<any> {
    uuid(message?: any): ZodSchema; int(message?: any): ZodSchema; date(message?: any): ZodSchema;
    datetime(options?: any): ZodSchema; time(options?: any): ZodSchema; email(message?: any): ZodSchema; url(message?: any): ZodSchema;
    min(limit: number, message?: any): ZodSchema; max(limit: number, message?: any): ZodSchema; positive(message?: any): ZodSchema; nonnegative(message?: any): ZodSchema;
    nullable(): ZodSchema; optional(): ZodSchema; default(value: unknown): ZodSchema; strict(): ZodSchema; partial(): ZodSchema;
    extend(shape: Record<string, ZodSchema>): ZodSchema; refine(check: (value: any) => boolean, message?: any): ZodSchema;
  }
  export namespace z {
    type infer<T> = any;
    type ZodType<T = any> = import("zod").ZodType<T>;
  }
  export const z: {
    object(shape: Record<string, ZodSchema>): ZodSchema; string(): ZodSchema; number(): ZodSchema; boolean(): ZodSchema;
    enum(values: readonly [string, ...string[]]): ZodSchema; record(value: ZodSchema): ZodSchema; unknown(): ZodSchema;
    array(item: ZodSchema): ZodSchema; literal(value: string | number | boolean): ZodSchema; coerce: { number(): ZodSchema; date(): ZodSchema };
  };
}
declare module "next" { export type Metadata = any; }
declare module "next/server" {
  export class NextRequest extends Request { [member: string]: any; constructor(...args: any[]) }
  export class NextResponse extends Response { [member: string]: any; static json(body: unknown, init?: any): NextResponse; static redirect(url: any, init?: any): NextResponse; static next(init?: any): NextResponse }
}
declare module "stripe" {
  namespace Stripe { type Event = any; type Checkout = any }
  class Stripe { constructor(key: string, config?: any); [member: string]: any }
  export default Stripe;
}

declare module "react-router-dom";
declare module "next/headers";
declare module "next/link";
declare module "next/navigation";
declare module "@supabase/ssr";
declare module "@supabase/supabase-js" {
  export type PostgrestError = { message: string; details: string | null; hint: string | null; code: string };
  export type SupabaseClient = any;
  export type User = any;
  export type Session = any;
  export const createClient: any;
}
declare module "jsr:@supabase/supabase-js@2";
declare module "resend";
declare module "twilio";
declare module "*.css";
declare module "vite";
declare module "@vitejs/plugin-react";
declare module "node:url" { export function fileURLToPath(url: string | URL): string; export const URL: typeof globalThis.URL; }

