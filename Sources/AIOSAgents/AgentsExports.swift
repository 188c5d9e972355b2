// The product vocabulary the agents share with the store: AIOSError and the phase graph as data.
@_exported import AIOSDomain
