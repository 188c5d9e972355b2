/// An error of a lower layer that knows how a user should see it: a tool that fails with one
/// returns its ``ToolError`` (the cause, not "see the server log"), so that every client can tell
/// what went wrong.
public protocol ToolErrorConvertible: Error {
    /// The error as a tool result shows it.
    var toolError: ToolError { get }
}
