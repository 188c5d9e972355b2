// The layers the store is built on, visible in every file of the target.
@_exported import AIOSSystem
@_exported import AIOSJSON
@_exported import AIOSCrypto
@_exported import AIOSLogging
@_exported import MCPServerKit
@_exported import AIOSDomain
