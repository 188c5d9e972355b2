extension ScaffoldContext {
    /// `src/components/AppShell.tsx`, shared by both frameworks: they differ only in the
    /// imports and in the router link's target attribute (`href` or `to`).
    package func appShellFile(imports: String, linkAttribute: String) -> GeneratedFile {
        var links = "          <li><Link \(linkAttribute)=\"/\">Dashboard</Link></li>\n"
        for entity in appEntities {
            links += "          <li><Link \(linkAttribute)=\"/\(entity.resource)\">\(entity.term.pluralTitle)</Link></li>\n"
        }
        if ux.pages.contains(where: { $0.kind == .reports }) {
            links += "          <li><Link \(linkAttribute)=\"/reports\">Reports</Link></li>\n"
        }
        links += "          <li><Link \(linkAttribute)=\"/settings\">Settings</Link></li>\n"
        return GeneratedFile("src/components/AppShell.tsx", imports + #"""

        /** Header, navigation and the main landmark around every signed-in page. */
        export function AppShell({ title, action, children }: { title: string; action?: ReactNode; children: ReactNode }) {
          return (
            <div className="shell">
              <a href="#main" className="skip-link">Skip to content</a>
              <nav aria-label="Main">
                <p><strong>\#(Markdown.inline(productName).replacingJSX())</strong></p>
                <ul>
        \#(links)        </ul>
              </nav>
              <main id="main">
                <header style={{ display: "flex", justifyContent: "space-between", alignItems: "center" }}>
                  <h1>{title}</h1>
                  {action}
                </header>
                {children}
              </main>
            </div>
          );
        }

        """#)
    }
}
