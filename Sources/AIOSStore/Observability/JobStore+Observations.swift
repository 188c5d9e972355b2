extension JobStore {
    /// Every job's status, times, lease and phases, caught up with the journal; cheap even for
    /// many jobs, since requests are not parsed.
    ///
    /// - Throws: `StoreError` when catching up with the journal fails.
    public func observations() throws -> [JobObservation] {
        try replica.catchUp(.unlocked)
        return replica.machine.jobs.values.sorted { $0.order < $1.order }.map(JobObservation.init(record:))
    }
}
