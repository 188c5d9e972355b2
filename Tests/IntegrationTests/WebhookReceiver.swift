import Foundation
import Testing

/// The Python webhook receiver of Tests/Webhooks/receiver.py, on a free loopback port: it
/// verifies both signatures with Python's hmac, records every request, and can fail or stall.
final class WebhookReceiver {
    let process = Process()
    let port: Int
    let recordPath: String

    static var script: String { Products.root.appendingPathComponent("Tests/Webhooks/receiver.py").path }

    /// The venv's Python when there is one, else python3 from PATH (the script needs only the standard library).
    static var python: (executable: String, prefix: [String]) {
        FileManager.default.isExecutableFile(atPath: Products.python) ? (Products.python, []) : ("/usr/bin/env", ["python3"])
    }

    /// Starts a receiver that knows `secrets` (whsec_…) and behaves as `options` say.
    init(secrets: [String], options: [String] = []) throws {
        recordPath = FileManager.default.temporaryDirectory.appendingPathComponent("webhooks-\(UUID().uuidString).jsonl").path
        _ = FileManager.default.createFile(atPath: recordPath, contents: nil)
        let python = Self.python
        process.executableURL = URL(fileURLWithPath: python.executable)
        process.arguments = python.prefix + [Self.script, "--record", recordPath] + secrets.flatMap { ["--secret", $0] } + options
        let output = ChildPipe()
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run(stdout: output)
        var text = ""
        while !text.contains("\n") {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            text += String(decoding: chunk, as: UTF8.self)
        }
        guard text.hasPrefix("PORT "), let port = Int(text.dropFirst(5).prefix { $0.isNumber }) else {
            process.terminate()
            throw CocoaError(.fileReadCorruptFile, userInfo: [NSLocalizedDescriptionKey: "the receiver did not start: \(text)"])
        }
        self.port = port
    }

    deinit { stop() }

    var url: String { "http://127.0.0.1:\(port)/hooks/aios" }

    /// Stops the receiver (`waitForTermination`, not `waitUntilExit`: see there).
    func stop() {
        guard process.waitForTermination(timeout: 0) == nil else { return }
        kill(process.processIdentifier, SIGKILL)
        _ = process.waitForTermination(timeout: 5)
    }

    /// Every request received so far, in order.
    func requests() -> [[String: Any]] {
        let text = (try? String(contentsOfFile: recordPath, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
    }

    /// Waits (polling, up to `timeout`) until at least `count` requests arrived.
    func waitForRequests(_ count: Int, timeout: Double = 30) async throws -> [[String: Any]] {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            let received = requests()
            if received.count >= count || Date() > deadline { return received }
            try await Task.sleep(for: .milliseconds(20))
        }
    }
}

/// A header of a recorded request, whatever its case (the receiver keeps the sender's spelling).
func header(_ request: [String: Any], _ name: String) -> String? {
    let headers = request["headers"] as? [String: String] ?? [:]
    return headers.first { $0.key.lowercased() == name.lowercased() }?.value
}

/// Polls `condition` until it holds or `timeout` passes; returns whether it held.
func eventually(timeout: Double = 30, _ condition: () async throws -> Bool) async throws -> Bool {
    let deadline = Date().addingTimeInterval(timeout)
    while Date() < deadline {
        if try await condition() { return true }
        try await Task.sleep(for: .milliseconds(50))
    }
    return try await condition()
}
