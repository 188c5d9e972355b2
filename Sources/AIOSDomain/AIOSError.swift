import MCPServerKit

/// The product's name for the kit's ``ToolError``: the stable error codes of the contract
/// (SPEC §2). The kit defines the codes it raises itself; the product's own follow. This is the
/// lowest target that knows aios, so every product layer above it shares these codes.
public typealias AIOSError = ToolError

extension ToolError.Code {
    public static let jobNotFound = ToolError.Code("JOB_NOT_FOUND", protocolError: .invalidParams)
    public static let artifactNotReady = ToolError.Code("ARTIFACT_NOT_READY", protocolError: .invalidParams)
    public static let agentTimeout = ToolError.Code("AGENT_TIMEOUT", protocolError: .internalError)
    public static let agentFailure = ToolError.Code("AGENT_FAILURE", protocolError: .internalError)
}
