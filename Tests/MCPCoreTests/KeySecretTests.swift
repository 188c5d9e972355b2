import Testing
@testable import AIOSStore
@testable import MCPCore

@Suite struct KeySecretTests {
    static let base62 = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".utf8)

    @Test func generatedKeysHaveTheDocumentedShapeAndValidate() throws {
        var seen: Set<String> = []
        var characters: Set<UInt8> = []
        for _ in 0..<300 {
            let secret = APIKeySecret.generate()
            let bytes = Array(secret.text.utf8)
            #expect(secret.text.hasPrefix("aios_"))
            #expect(bytes.count == 43)
            #expect(bytes.dropFirst(5).allSatisfy(Self.base62.contains))
            let body = String(decoding: bytes.prefix(37), as: UTF8.self)
            #expect(String(decoding: bytes.suffix(6), as: UTF8.self) == APIKeySecret.checksum(of: body))
            #expect(try APIKeySecret(validating: secret.text) == secret)
            characters.formUnion(bytes[5..<37])
            seen.insert(secret.text)
        }
        #expect(seen.count == 300, "keys repeat: the randomness is broken")
        // 300 × 32 random characters: every one of the 62 shows up unless generation is skewed.
        #expect(characters.count == 62)
    }

    /// The property: any one character changed, dropped, added or swapped with its
    /// neighbour is refused by the checksum alone, on a large sample of keys.
    /// 6 batches of 25 keys (about 460 000 changed keys in all), run in parallel.
    @Test(arguments: 0..<6)
    func everySingleCharacterChangeFailsOffline(_ batch: Int) {
        let replacements = Self.base62 + Array("_- .+/=".utf8)
        var checked = 0
        var accepted: [String] = []
        func check(_ bytes: [UInt8]) {
            checked += 1
            let text = String(decoding: bytes, as: UTF8.self)
            if (try? APIKeySecret(validating: text)) != nil { accepted.append(text) }
        }
        for _ in 0..<25 {
            let original = Array(APIKeySecret.generate().text.utf8)
            for position in original.indices {
                for replacement in replacements where replacement != original[position] {
                    var mutated = original
                    mutated[position] = replacement
                    check(mutated)
                }
                var dropped = original
                dropped.remove(at: position)
                check(dropped)
                var added = original
                added.insert(UInt8(ascii: "a"), at: position)
                check(added)
                if position + 1 < original.count, original[position] != original[position + 1] {
                    var swapped = original
                    swapped.swapAt(position, position + 1)
                    check(swapped)
                }
            }
        }
        #expect(checked > 75_000)
        #expect(accepted.isEmpty, "changed keys accepted: \(accepted.prefix(5))")
    }

    @Test func aChangeInsideTheRandomPartIsAChecksumMismatch() throws {
        var bytes = Array(APIKeySecret.generate().text.utf8)
        bytes[10] = bytes[10] == UInt8(ascii: "a") ? UInt8(ascii: "b") : UInt8(ascii: "a")
        #expect(throws: APIKeySecret.Problem.checksumMismatch) { try APIKeySecret(validating: String(decoding: bytes, as: UTF8.self)) }
    }

    static let malformed: [(String, APIKeySecret.Problem)] = {
        let a31 = String(repeating: "a", count: 31)
        return [
            ("", .missingPrefix), ("sk_live_abc", .missingPrefix), ("AIOS_" + a31 + "aaaaaaa", .missingPrefix),
            ("aios_abc", .wrongLength), ("aios_" + a31 + "aaaaaaaaa", .wrongLength),
            ("aios_" + a31 + "-000000", .invalidCharacter), ("aios_" + a31 + "azzzzzz", .checksumMismatch),
        ]
    }()

    @Test(arguments: malformed)
    func malformedKeysNameTheirProblem(_ text: String, _ problem: APIKeySecret.Problem) {
        #expect(throws: problem) { try APIKeySecret(validating: text) }
    }

    @Test func theHintAndDescriptionRevealOnlyEightCharacters() {
        let secret = APIKeySecret.generate()
        let text = secret.text
        #expect(secret.hint == String(text.prefix(9)) + "…" + String(text.suffix(4)))
        #expect(String(describing: secret) == secret.hint)
        #expect("\(secret)".contains(text.dropFirst(9).prefix(20)) == false)
        #expect(secret.sha256.count == 64)
        #expect(secret.sha256 == Hex.encode(SHA256.hash(Array(text.utf8))))
    }

    @Test func scopesParseAndMapTools() throws {
        #expect(try APIKeyScope.parseList("jobs:write, jobs:read,jobs:read") == [.jobsRead, .jobsWrite])
        #expect(throws: AIOSError.self) { try APIKeyScope.parseList("jobs:delete") }
        #expect(throws: AIOSError.self) { try APIKeyScope.parseList(",") }
        for phase in Phase.allCases { #expect(APIKeyScope.required(forTool: phase.toolName) == .agentsRun) }
        #expect(APIKeyScope.required(forTool: "aios_full_pipeline") == .jobsWrite)
        #expect(APIKeyScope.required(forTool: "aios_get_status") == .jobsRead)
        #expect(APIKeyScope.required(forTool: "aios_get_artifact") == .jobsRead)
        #expect(APIKeyScope.required(forTool: "some_future_tool") == .admin)
    }
}
