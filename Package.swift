// swift-tools-version:6.0
import PackageDescription

// aios-mcp and aiosctl carry the Swift runtime inside them on Linux: a process then starts
// without the dynamic loader resolving thousands of symbols across ten Swift libraries
// (cold start 7.6 → 4.6 ms, docs/benchmarks.md), and the binary runs on a machine without the
// toolchain. aios-webhook links Foundation's networking, whose static form needs libcurl's
// development files, so it stays dynamic; it starts once per webhook attempt.
let staticSwiftRuntime: [LinkerSetting] = [.unsafeFlags(["-static-stdlib"], .when(platforms: [.linux], configuration: .release))]

// No package dependencies, by rule: the toolchain's Foundation (FoundationEssentials where
// possible), Dispatch, Synchronization, Testing and the C library (Glibc, Musl or Darwin) only.
let package = Package(
    name: "aios",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "MCPCore", targets: ["MCPCore"]),
        .executable(name: "aios-mcp", targets: ["aios-mcp"]),
        .executable(name: "aiosctl", targets: ["aiosctl"]),
        .executable(name: "aios-webhook", targets: ["aios-webhook"]),
        .executable(name: "aios-llm", targets: ["aios-llm"]),
    ],
    targets: [
        // The layers, lowest first; a target depends only on targets above it in this list, so
        // the compiler refuses an upward import (docs/architecture.md, "Layers").
        // The one place that names the C library (Glibc, Musl or Darwin) and the platform calls.
        .target(name: "AIOSSystem", linkerSettings: [.linkedLibrary("m")]),
        // JSONValue, the parser, the serializer and the JSON Schema validator.
        .target(name: "AIOSJSON", dependencies: ["AIOSSystem"]),
        // SHA-256, HMAC, CRC-32, base62/64, hex, constant-time comparison, CSPRNG bytes.
        .target(name: "AIOSCrypto", dependencies: ["AIOSSystem"]),
        // The structured logger (JSON lines on stderr, secret redaction).
        .target(name: "AIOSLogging", dependencies: ["AIOSSystem", "AIOSJSON"]),
        // A small HTTP/1.1 server (poll loop on its own thread, keep-alive, chunked, bounds).
        .target(name: "AIOSHTTP", dependencies: ["AIOSSystem"]),
        // JSON-RPC messages, ids, errors, the line framer, and the transports that move lines.
        .target(name: "JSONRPC", dependencies: ["AIOSSystem", "AIOSJSON", "AIOSLogging"]),
        // An MCP server kit that knows nothing of aios: sessions, the method table, tools,
        // resources, prompts, tasks, logging, progress over provider protocols.
        .target(name: "MCPServerKit", dependencies: ["AIOSSystem", "AIOSJSON", "AIOSCrypto", "AIOSLogging", "JSONRPC"]),
        // PostgreSQL through libpq, loaded at run time (dlopen): nothing links against libpq, so
        // building and the file-store path need only the toolchain (docs/store-format.md).
        .target(name: "AIOSPostgres", dependencies: ["AIOSSystem"]),
        // The product's vocabulary shared by the pipeline and the store: AIOSError's codes, and the
        // phase graph as data (Phase, a position in a PhaseGraph; the pipeline defines its graph).
        .target(name: "AIOSDomain", dependencies: ["MCPServerKit"]),
        // The builtin engine: brief analysis and one generator per agent; the pipeline's phase graph.
        .target(name: "AIOSAgents", dependencies: ["AIOSSystem", "AIOSJSON", "AIOSCrypto", "MCPServerKit", "AIOSDomain"]),
        // The file store: the job journal and snapshots under a file lock, keys.log, the rate-limit
        // windows, the webhook outbox's records; and the seams every store backend implements
        // (StoreBackend, JobStoreBackend, KeyStoreBackend, RateLimitBackend). The concrete file
        // types are internal: above this target the file store is reached only through the seams,
        // opened by `FileStore` (docs/architecture.md, "Seams").
        .target(name: "AIOSStore", dependencies: ["AIOSSystem", "AIOSJSON", "AIOSCrypto", "AIOSLogging", "MCPServerKit", "AIOSDomain"]),
        // The product: the store factory, key gate, webhook dispatch, pipeline, tools, resources, prompts, tasks,
        // observability and the CLI's parser, wired together; it re-exports the layers below.
        .target(
            name: "MCPCore",
            dependencies: ["AIOSSystem", "AIOSJSON", "AIOSCrypto", "AIOSLogging", "JSONRPC", "MCPServerKit", "AIOSDomain", "AIOSAgents", "AIOSStore", "AIOSPostgres"]),
        // The HTTP client (URLSessionWebhookTransport, FoundationNetworking) lives in the
        // aios-webhook helper and nowhere else, so that no other program loads it at start-up
        // (docs/architecture.md, "Start-up cost"). It is not a library target on purpose: a
        // library target would be linked into every executable that depends on aios-webhook.
        .executableTarget(name: "aios-webhook", dependencies: ["MCPCore"]),
        // The HTTP client of the model-backed engines (OpenAI, Anthropic): the same arrangement
        // as aios-webhook, for the same reason. It only moves bytes; the providers' formats,
        // retries and timeouts are MCPCore's (Sources/MCPCore/Models), started per attempt.
        .executableTarget(name: "aios-llm", dependencies: ["AIOSSystem", "AIOSJSON", "AIOSCrypto"]),
        // An executable target's own code is not linked into the executables that depend on it:
        // the dependency makes `swift build --product X` (and `swift run X`) also build the
        // program X starts from its own directory (aiosctl starts aios-webhook per webhook
        // attempt; aios-mcp starts `aiosctl webhook dispatch`).
        .executableTarget(name: "aiosctl", dependencies: ["MCPCore", "aios-webhook", "aios-llm"], linkerSettings: staticSwiftRuntime),
        // MCP over Streamable HTTP: the /mcp mapping of both eras onto MCPServer sessions.
        .target(name: "MCPHTTP", dependencies: ["AIOSSystem", "AIOSJSON", "AIOSLogging", "JSONRPC", "MCPServerKit", "AIOSHTTP"]),
        .executableTarget(name: "aios-mcp", dependencies: ["MCPCore", "MCPHTTP", "aiosctl"], linkerSettings: staticSwiftRuntime),
        .testTarget(name: "MCPCoreTests", dependencies: ["MCPCore", "AIOSAgents", "AIOSStore", "AIOSPostgres", "AIOSHTTP", "MCPHTTP"]),
        .testTarget(name: "IntegrationTests", dependencies: ["MCPCore", "aios-mcp", "aiosctl", "aios-webhook", "aios-llm"]),
    ],
    swiftLanguageModes: [.v6]
)
