import Foundation
import Testing

/// `aiosctl run`/`submit` asking a thin brief's questions on a terminal (a pseudo-terminal made
/// by Tests/CLI/cli_questions.py with Python's pty module), and never waiting without one.
@Suite struct CLIQuestionsTests {
    @Test func questionsAtATerminalAndNeverWithoutOne() async throws {
        let python = FileManager.default.isExecutableFile(atPath: Products.python) ? Products.python : "/usr/bin/python3"
        let script = Products.root.appendingPathComponent("Tests/CLI/cli_questions.py").path
        let result = try await onThreadOfItsOwn { try runProcess(python, [script, "--aiosctl", Products.aiosctl]) }
        #expect(result.status == 0, "\(result.stdoutText)\n\(result.stderrText.suffix(4000))")
        #expect(result.stdoutText.contains("ok cli_questions"))
    }
}
