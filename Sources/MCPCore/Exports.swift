// MCPCore is the product's wiring and the one library the executables and the tests import:
// it re-exports the layers below it, so `import MCPCore` keeps meaning "everything aios is".
// The layers themselves import only what is below them (docs/architecture.md, "Layers").
@_exported import AIOSSystem
@_exported import AIOSJSON
@_exported import AIOSCrypto
@_exported import AIOSLogging
@_exported import JSONRPC
@_exported import MCPServerKit
@_exported import AIOSDomain
@_exported import AIOSAgents
@_exported import AIOSStore
