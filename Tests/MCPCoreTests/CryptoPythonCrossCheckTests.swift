import Foundation
import Testing
@testable import MCPCore

/// Compares every primitive with Python's hashlib, hmac, zlib and base64 on thousands of seeded
/// random inputs, computed in one batch by a single python3 process.
@Suite struct CryptoPythonCrossCheckTests {
    struct Case {
        let key: [UInt8]
        let message: [UInt8]
    }

    struct Expected {
        let sha256: String
        let hmac: String
        let crc32: UInt32
        let base64: String
        let base64URLUnpadded: String
    }

    static let script = #"""
        import base64, hashlib, hmac, struct, sys, zlib
        data = open(sys.argv[1], "rb").read()
        out, offset = [], 0
        while offset < len(data):
            (key_length,) = struct.unpack_from("<I", data, offset); offset += 4
            key = data[offset:offset + key_length]; offset += key_length
            (length,) = struct.unpack_from("<Q", data, offset); offset += 8
            message = data[offset:offset + length]; offset += length
            out.append("\t".join([
                hashlib.sha256(message).hexdigest(),
                hmac.new(key, message, hashlib.sha256).hexdigest(),
                str(zlib.crc32(message)),
                base64.b64encode(message).decode(),
                base64.urlsafe_b64encode(message).decode().rstrip("="),
            ]))
        open(sys.argv[2], "w").write("\n".join(out) + "\n")
        """#

    /// Block-boundary sizes, 2 000 random sizes up to 4 KiB, and two multi-megabyte inputs.
    static func makeCases() -> [Case] {
        var generator = SeededRandom(seed: 0xA105)
        func bytes(_ count: Int) -> [UInt8] {
            var out = [UInt8]()
            out.reserveCapacity(count + 8)
            while out.count < count {
                withUnsafeBytes(of: generator.next()) { out.append(contentsOf: $0) }
            }
            return Array(out.prefix(count))
        }
        var sizes = [0, 1, 2, 3, 55, 56, 57, 63, 64, 65, 119, 120, 127, 128, 129]
        for _ in 0..<2000 { sizes.append(Int.random(in: 0...4096, using: &generator)) }
        sizes += [2 * 1024 * 1024 + 3, 3 * 1024 * 1024 - 1]
        return sizes.map { size in
            // Keys shorter than, equal to and longer than the 64-byte block (those get hashed).
            let keyLength = [0, 1, 32, 63, 64, 65, 131].randomElement(using: &generator) ?? 32
            return Case(key: bytes(keyLength), message: bytes(size))
        }
    }

    static func pythonResults(for cases: [Case]) throws -> [Expected] {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("aios-crypto-\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }

        var input = [UInt8]()
        for item in cases {
            withUnsafeBytes(of: UInt32(item.key.count).littleEndian) { input.append(contentsOf: $0) }
            input += item.key
            withUnsafeBytes(of: UInt64(item.message.count).littleEndian) { input.append(contentsOf: $0) }
            input += item.message
        }
        let inputURL = directory.appendingPathComponent("input.bin")
        let outputURL = directory.appendingPathComponent("output.tsv")
        let scriptURL = directory.appendingPathComponent("check.py")
        try Data(input).write(to: inputURL)
        try Data(script.utf8).write(to: scriptURL)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", scriptURL.path, inputURL.path, outputURL.path]
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "python3 exited with \(process.terminationStatus)")

        let output = [UInt8](try Data(contentsOf: outputURL))
        // Fields are found with memchr: a byte loop over 10 MB is slow in a debug build.
        var fields: [String] = []
        output.withUnsafeBytes { buffer in
            guard let base = buffer.baseAddress else { return }
            var start = 0
            while start < buffer.count {
                for separator in ["\t", "\t", "\t", "\t", "\n"] as [Unicode.Scalar] {
                    guard let found = memchr(base + start, Int32(separator.value), buffer.count - start) else { return }
                    let end = base.distance(to: UnsafeRawPointer(found))
                    fields.append(String(decoding: UnsafeRawBufferPointer(rebasing: buffer[start..<end]), as: UTF8.self))
                    start = end + 1
                }
            }
        }
        try #require(fields.count == cases.count * 5)
        return try stride(from: 0, to: fields.count, by: 5).map { i -> Expected in
            let crc = try #require(UInt32(fields[i + 2]))
            return Expected(
                sha256: fields[i], hmac: fields[i + 1], crc32: crc,
                base64: fields[i + 3], base64URLUnpadded: fields[i + 4])
        }
    }

    @Test func everyPrimitiveAgreesWithPython() throws {
        let cases = Self.makeCases()
        let expected = try Self.pythonResults(for: cases)
        try #require(expected.count == cases.count)

        var mismatches = 0
        for (index, (item, python)) in zip(cases, expected).enumerated() {
            let size = item.message.count
            var failures: [String] = []
            if Hex.encode(SHA256.hash(item.message)) != python.sha256 { failures.append("sha256") }
            if Hex.encode(HMACSHA256.authenticationCode(key: item.key, message: item.message)) != python.hmac {
                failures.append("hmac (key \(item.key.count) bytes)")
            }
            if CRC32.checksum(item.message) != python.crc32 { failures.append("crc32") }
            let base64 = Base64.encode(item.message)
            if base64 != python.base64 { failures.append("base64 encode") }
            if Base64.decode(python.base64) != item.message { failures.append("base64 decode") }
            let urlSafe = Base64.encode(item.message, urlSafe: true, padded: false)
            if urlSafe != python.base64URLUnpadded { failures.append("url-safe base64 encode") }
            if Base64.decode(python.base64URLUnpadded, urlSafe: true) != item.message {
                failures.append("url-safe base64 decode")
            }
            if size > 1_000_000 {
                // Large inputs also go through the streaming paths in uneven pieces.
                var hasher = SHA256.Hasher()
                var crc: UInt32 = 0
                var start = 0
                var piece = 1
                while start < size {
                    let end = min(start + piece, size)
                    item.message[start..<end].withUnsafeBytes { chunk in
                        hasher.update(chunk)
                        crc = CRC32.checksum(chunk, seed: crc)
                    }
                    start = end
                    piece = piece * 3 + 1
                }
                if Hex.encode(hasher.finalize()) != python.sha256 { failures.append("sha256 streaming") }
                if crc != python.crc32 { failures.append("crc32 streaming") }
            }
            if !failures.isEmpty {
                mismatches += 1
                Issue.record("case \(index) (\(size) bytes): \(failures.joined(separator: ", ")) differ from Python")
                if mismatches >= 10 { break }
            }
        }
        #expect(mismatches == 0)
    }
}
