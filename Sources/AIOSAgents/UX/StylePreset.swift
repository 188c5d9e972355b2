/// A visual style: seed colours, type, spacing and radius scales. The seeds are only a starting
/// point; `DesignTokens` adjusts them until every text pair meets the WCAG level asked for.
package enum StylePreset: String, Sendable, CaseIterable {
    case minimal, corporate, playful

    /// Seed colours, in the order tokens are listed.
    package var seeds: [(name: String, hex: String)] {
        switch self {
        case .minimal:
            return [("background", "#ffffff"), ("surface", "#f7f7f8"), ("text", "#18181b"), ("text_muted", "#71717a"),
                    ("primary", "#2563eb"), ("on_primary", "#ffffff"), ("secondary", "#52525b"), ("on_secondary", "#ffffff"),
                    ("accent", "#0d9488"), ("border", "#e4e4e7"), ("input_border", "#a1a1aa"), ("focus", "#2563eb"),
                    ("success", "#16a34a"), ("warning", "#ca8a04"), ("danger", "#dc2626"), ("info", "#0284c7")]
        case .corporate:
            return [("background", "#ffffff"), ("surface", "#f1f5f9"), ("text", "#0f172a"), ("text_muted", "#64748b"),
                    ("primary", "#1e3a8a"), ("on_primary", "#ffffff"), ("secondary", "#0f766e"), ("on_secondary", "#ffffff"),
                    ("accent", "#b45309"), ("border", "#e2e8f0"), ("input_border", "#94a3b8"), ("focus", "#1d4ed8"),
                    ("success", "#15803d"), ("warning", "#b45309"), ("danger", "#b91c1c"), ("info", "#0369a1")]
        case .playful:
            return [("background", "#fffbf5"), ("surface", "#fff1e6"), ("text", "#2b1b3d"), ("text_muted", "#8a7898"),
                    ("primary", "#9333ea"), ("on_primary", "#ffffff"), ("secondary", "#f97316"), ("on_secondary", "#ffffff"),
                    ("accent", "#ec4899"), ("border", "#f5d0c5"), ("input_border", "#c4a5b5"), ("focus", "#7c3aed"),
                    ("success", "#22c55e"), ("warning", "#f59e0b"), ("danger", "#ef4444"), ("info", "#06b6d4")]
        }
    }

    package var fontFamily: String {
        switch self {
        case .minimal: "Inter, ui-sans-serif, system-ui, -apple-system, 'Segoe UI', sans-serif"
        case .corporate: "'IBM Plex Sans', ui-sans-serif, system-ui, 'Segoe UI', Roboto, sans-serif"
        case .playful: "Nunito, 'Quicksand', ui-rounded, system-ui, sans-serif"
        }
    }

    package var headingFamily: String {
        switch self {
        case .minimal: fontFamily
        case .corporate: "'IBM Plex Sans', ui-sans-serif, system-ui, sans-serif"
        case .playful: "'Baloo 2', Nunito, ui-rounded, system-ui, sans-serif"
        }
    }

    package var radii: [(String, String)] {
        switch self {
        case .minimal: [("none", "0"), ("sm", "0.25rem"), ("md", "0.375rem"), ("lg", "0.5rem"), ("xl", "0.75rem"), ("full", "9999px")]
        case .corporate: [("none", "0"), ("sm", "0.125rem"), ("md", "0.25rem"), ("lg", "0.375rem"), ("xl", "0.5rem"), ("full", "9999px")]
        case .playful: [("none", "0"), ("sm", "0.5rem"), ("md", "0.75rem"), ("lg", "1rem"), ("xl", "1.5rem"), ("full", "9999px")]
        }
    }

    /// Type scale ratio (each step up multiplies the size by it).
    package var scaleRatio: Double {
        switch self {
        case .minimal: 1.2
        case .corporate: 1.125
        case .playful: 1.25
        }
    }

    package var description: String {
        switch self {
        case .minimal: "Minimal: neutral greys, one blue accent, quiet borders, generous white space."
        case .corporate: "Corporate: navy primary, slate neutrals, tight radii, dense data tables."
        case .playful: "Playful: warm background, purple and orange, rounded shapes, friendly type."
        }
    }
}
