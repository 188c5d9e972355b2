import AIOSJSON

/// A technology stack the engine can design for and scaffold.
package enum StackPreset: String, Sendable, CaseIterable {
    case nextjsSupabase = "nextjs-supabase"
    case viteReactSupabase = "vite-react-supabase"

    package static let `default`: StackPreset = .nextjsSupabase

    /// The preset a free-text preference names (`"Vite + React"`, `"next.js"`), or nil.
    package static func matching(_ preference: String?) -> StackPreset? {
        guard let preference else { return nil }
        let lower = preference.lowercased()
        if let exact = StackPreset(rawValue: lower.trimmingWhitespace()) { return exact }
        if lower.contains("vite") || lower.contains("spa") || lower.contains("create-react-app") { return .viteReactSupabase }
        if lower.contains("next") { return .nextjsSupabase }
        if lower.contains("react") && !lower.contains("next") { return .viteReactSupabase }
        return nil
    }

    package var frontend: String {
        switch self {
        case .nextjsSupabase: "Next.js 15 (App Router, React 19, TypeScript, server components)"
        case .viteReactSupabase: "React 19 single-page app built with Vite 6 (TypeScript, React Router 7)"
        }
    }

    package var backend: String {
        switch self {
        case .nextjsSupabase: "Next.js route handlers under /api on top of Supabase (Auth, Storage, Realtime); data access through supabase-js with the caller's JWT so row-level security applies"
        case .viteReactSupabase: "Supabase directly from the browser (PostgREST with the caller's JWT, row-level security); Supabase Edge Functions (Deno) for actions, reports and scheduled jobs"
        }
    }

    package var database: String { "PostgreSQL 15 (Supabase) with row-level security on every table" }

    package var deployment: String {
        switch self {
        case .nextjsSupabase: "Vercel for the web app; Supabase cloud for database, auth and storage; migrations applied with the Supabase CLI"
        case .viteReactSupabase: "Static hosting (Netlify, Cloudflare Pages or Vercel) for the SPA; Supabase cloud for database, auth, storage and Edge Functions"
        }
    }

    package var json: JSONValue {
        ["frontend": .string(frontend), "backend": .string(backend), "database": .string(database), "deployment": .string(deployment), "preset": .string(rawValue)]
    }
}
