#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Testing
@testable import MCPCore

/// `Environment.current()` is where every setting (`AIOS_HOME`, `AIOS_API_KEY`, …) is read from.
@Suite struct EnvironmentTests {
    @Test func namesAndValuesSplitAtTheFirstEqualsSignAndKeepEveryByte() {
        let values = [
            "AIOS_ENV_TEST_EQUALS": "a=b==c",
            "AIOS_ENV_TEST_UNICODE": "café ☕ e\u{301}",
            "AIOS_ENV_TEST_EMPTY": "",
        ]
        for (name, value) in values { setenv(name, value, 1) }
        defer { for name in values.keys { unsetenv(name) } }
        let environment = Environment.current()
        for (name, value) in values {
            #expect(environment[name] == value)
            #expect(environment[name] == getenv(name).map { String(cString: $0) })
        }
        #expect(environment["PATH"] == getenv("PATH").map { String(cString: $0) })
    }
}
