// The kit's ToolError is what AIOSError names, visible in every file of the target.
@_exported import MCPServerKit
