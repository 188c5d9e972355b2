import Foundation

/// Runs a short Python script as a cross-check, its standard output and error going to files in
/// `directory`, never to pipes.
///
/// Foundation's `Pipe` is not close-on-exec: a child that another test spawns at the same moment
/// (a PostgreSQL server lives for the whole run) can inherit the pipe's write end, and reading to
/// the end of the output then waits for that child instead of this one. A file has no such end.
enum PythonScript {
    struct Result {
        let status: Int32
        let output: Data
        let errors: String
    }

    /// `python3` from PATH (the interpreter with `jsonschema` may be a venv's) runs `script`
    /// with `arguments`.
    static func run(_ script: String, arguments: [String], in directory: URL) throws -> Result {
        let outputURL = directory.appendingPathComponent("python.out")
        let errorsURL = directory.appendingPathComponent("python.err")
        for url in [outputURL, errorsURL] {
            guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path])
            }
        }
        let output = try FileHandle(forWritingTo: outputURL)
        let errors = try FileHandle(forWritingTo: errorsURL)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script] + arguments
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        try output.close()
        try errors.close()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus,
            output: try Data(contentsOf: outputURL),
            errors: String(decoding: try Data(contentsOf: errorsURL), as: UTF8.self))
    }
}
