#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The process environment as a dictionary, read once per call from `environ`.
public enum Environment {
    /// Entries without `=` are skipped; a name that repeats keeps its first value, as `getenv`
    /// does. Names and values are split on bytes: finding `=` by `Character` would run
    /// grapheme breaking over every entry, which was 8 % of `aios-mcp`'s start-up.
    public static func current() -> [String: String] {
        var result: [String: String] = [:]
        var pointer = SystemCalls.environment
        while let entry = pointer.pointee {
            pointer += 1
            guard let equals = strchr(entry, 0x3D) else { continue }
            let name = UnsafeRawBufferPointer(start: entry, count: equals - entry).withMemoryRebound(to: UInt8.self) {
                String(decoding: $0, as: UTF8.self)
            }
            if result[name] == nil { result[name] = String(cString: equals + 1) }
        }
        return result
    }
}
