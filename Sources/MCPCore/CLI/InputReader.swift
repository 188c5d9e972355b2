import AIOSSystem

/// Reads command-line inputs: inline text, `@FILE`, `-`/`@-` for stdin, or file paths.
public enum InputReader {
    /// The bytes of a file, or of stdin for `-`.
    ///
    /// - Throws: ``AIOSError`` `.invalidInput` naming the path and the system's reason.
    public static func bytes(path: String) throws(AIOSError) -> [UInt8] {
        let fd: Int32 = path == "-" ? 0 : open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            throw AIOSError(.invalidInput, "cannot read '\(path)': \(String(cString: strerror(errno)))")
        }
        defer { if fd != 0 { close(fd) } }
        var result: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n > 0 {
                result.append(contentsOf: buffer[0..<n])
            } else if n == 0 {
                return result
            } else if errno != EINTR {
                throw AIOSError(.invalidInput, "cannot read '\(path)': \(String(cString: strerror(errno)))")
            }
        }
    }

    /// A UTF-8 text file (or stdin for `-`).
    public static func text(path: String) throws(AIOSError) -> String {
        let data = try bytes(path: path)
        guard let text = String(validating: data, as: UTF8.self) else {
            throw AIOSError(.invalidInput, "'\(path)' is not valid UTF-8 text")
        }
        return text
    }

    /// A JSON object given inline, as `@FILE`, or as `@-` (stdin).
    ///
    /// - Parameter what: How to name the input in errors, e.g. `--input`.
    public static func object(from argument: String, what: String) throws(AIOSError) -> JSONObject {
        let data: [UInt8] = argument.hasPrefix("@") ? try bytes(path: String(argument.dropFirst())) : Array(argument.utf8)
        let value: JSONValue
        do {
            value = try JSONValue.parse(data)
        } catch {
            throw AIOSError(.invalidInput, "\(what) is not valid JSON: \(error)")
        }
        guard case .object(let object) = value else {
            throw AIOSError(.invalidInput, "\(what) must be a JSON object, not \(value.typeName)")
        }
        return object
    }
}
