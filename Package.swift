// swift-tools-version:6.0
import PackageDescription

// No package dependencies, by rule: the toolchain's Foundation (FoundationEssentials where
// possible), Dispatch, Synchronization, Testing and Glibc only.
let package = Package(
    name: "aios",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "MCPCore", targets: ["MCPCore"]),
        .executable(name: "aios-mcp", targets: ["aios-mcp"]),
        .executable(name: "aiosctl", targets: ["aiosctl"]),
    ],
    targets: [
        .target(name: "MCPCore", linkerSettings: [.linkedLibrary("m")]),
        .executableTarget(name: "aios-mcp", dependencies: ["MCPCore"]),
        // The HTTP client (FoundationNetworking) for webhook delivery, kept out of aios-mcp's
        // start-up path: only aiosctl links it (docs/architecture.md, "Start-up cost").
        .target(name: "AIOSNetworking", dependencies: ["MCPCore"]),
        .executableTarget(name: "aiosctl", dependencies: ["MCPCore", "AIOSNetworking"]),
        .testTarget(name: "MCPCoreTests", dependencies: ["MCPCore"]),
        .testTarget(name: "IntegrationTests", dependencies: ["MCPCore", "AIOSNetworking", "aios-mcp", "aiosctl"]),
    ],
    swiftLanguageModes: [.v6]
)
