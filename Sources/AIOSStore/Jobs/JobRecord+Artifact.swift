extension JobRecord {
    /// Where `phase`'s artifact is, for a reader asking for it: the same answer on every backend.
    /// `graph` is the store's, which names the phase.
    ///
    /// - Throws: `AIOSError` `INVALID_INPUT` when the job did not request the phase,
    ///   `ARTIFACT_NOT_READY` (with the job and phase status in `details`) when the phase has not
    ///   completed.
    package func completedArtifact(_ phase: Phase, graph: PhaseGraph) throws -> ArtifactReference {
        let name = graph.name(of: phase)
        guard requestedPhases.contains(phase) else {
            throw AIOSError(
                .invalidInput, "job \(id) does not run the \(name) phase",
                details: ["job_id": .string(id.rawValue), "artifact_type": .string(name)])
        }
        let state = self[phase]
        guard state.status == .completed, let reference = state.artifact else {
            throw AIOSError(
                .artifactNotReady, "the \(name) artifact of job \(id) is not ready (phase \(state.status.rawValue))",
                details: [
                    "job_id": .string(id.rawValue), "artifact_type": .string(name),
                    "job_status": .string(status.rawValue), "phase_status": .string(state.status.rawValue),
                ])
        }
        return reference
    }
}
