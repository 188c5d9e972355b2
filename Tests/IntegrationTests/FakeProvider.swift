import Foundation
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A scripted provider server (Tests/Providers/fake_provider.py) for one test: started on a
/// free loopback port, stopped (its stdin closed) when the test drops it.
final class FakeProvider: @unchecked Sendable {
    // @unchecked: set in init, then read only.
    let process = Process()
    private let input = ChildPipe()
    let base: String
    let api: String

    static let script = Products.root.appendingPathComponent("Tests/Providers/fake_provider.py").path

    /// - Parameters:
    ///   - api: `openai` or `anthropic`.
    ///   - key: the key it accepts (passed in its environment), or nil to accept any.
    init(_ api: String, key: String?) async throws {
        self.api = api
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", Self.script, "--api", api]
        var environment = ProcessInfo.processInfo.environment
        environment["FAKE_PROVIDER_KEY"] = key
        process.environment = environment
        let output = ChildPipe()
        process.standardError = FileHandle.nullDevice
        try process.run(stdin: input, stdout: output)
        let line = try await onThreadOfItsOwn { () -> String in
            var bytes = Data()
            while true {
                let byte = try output.fileHandleForReading.read(upToCount: 1) ?? Data()
                if byte.isEmpty || byte == Data([0x0a]) { break }
                bytes.append(byte)
            }
            return String(decoding: bytes, as: UTF8.self)
        }
        let words = line.split(separator: " ")
        guard words.count == 2, words[0] == "listening" else { throw FakeProviderError(message: "the fake provider did not start: '\(line)'") }
        base = "http://127.0.0.1:\(words[1])"
    }

    deinit {
        try? input.fileHandleForWriting.close()
    }

    /// The base URL a client is configured with (`/v1` for both APIs).
    var baseURL: String { base + "/v1" }

    func script(_ steps: [[String: Any]]) async throws {
        _ = try await call("/_reset", [String: Any]())
        _ = try await call("/_script", ["steps": steps])
    }

    func answers(_ answers: [String: String]) async throws {
        _ = try await call("/_answers", answers)
    }

    /// Every API request seen so far.
    func log() async throws -> [[String: Any]] {
        try await call("/_log", nil) as? [[String: Any]] ?? []
    }

    /// Whether request `index` has arrived (blocks server-side until it does, at most 60 s).
    func arrived(_ index: Int) async throws -> Bool {
        (try await call("/_arrived/\(index)", nil) as? [String: Any])?["arrived"] as? Bool ?? false
    }

    /// Request `index`'s log entry once the server knows how it ended (blocks server-side).
    func outcome(of index: Int) async throws -> [String: Any] {
        try await call("/_wait/\(index)", nil) as? [String: Any] ?? [:]
    }

    private func call(_ path: String, _ body: Any?) async throws -> Any {
        var request = URLRequest(url: URL(string: base + path)!)
        request.timeoutInterval = 90
        if let body {
            request.httpMethod = "POST"
            request.httpBody = try JSONSerialization.data(withJSONObject: body)
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        let (data, _) = try await URLSession.shared.data(for: request)
        return try JSONSerialization.jsonObject(with: data)
    }
}

struct FakeProviderError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
