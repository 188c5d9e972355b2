/// An error of a lower layer that knows how a user should see it: a tool that fails with one
/// returns its ``AIOSError`` (the cause, not "see the server log"), so that every client, the
/// CLI included, can tell what went wrong. (The server kit knows these as
/// ``ToolErrorConvertible``.)
public protocol AIOSErrorConvertible: ToolErrorConvertible {
    /// The error as a tool result and a CLI show it.
    var aiosError: AIOSError { get }
}

extension AIOSErrorConvertible {
    public var toolError: ToolError { aiosError }
}
