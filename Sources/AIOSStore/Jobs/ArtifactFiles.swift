import AIOSSystem

/// Artifact files: `artifacts/<job_id>/<phase>-<first 12 hex digits of the SHA-256>.json`.
///
/// Names carry the digest so that a worker that lost its lease and still finishes can never
/// overwrite the file another worker recorded; each file is written atomically before the
/// journal record that names it.
enum ArtifactFiles {
    /// Writes an artifact durably and returns the reference to record; `phase` is the phase's name.
    static func write(_ artifact: JSONObject, job: JobID, phase: String, storeDirectory: String) throws(StoreError)
        -> ArtifactReference
    {
        let bytes = JSONValue.object(artifact).serialized()
        let digest = Hex.encode(SHA256.hash(bytes))
        let artifacts = storeDirectory + "/" + StoreReplica.artifactsName
        let jobDirectory = artifacts + "/" + job.rawValue
        try StoreFileSystem.createPrivateDirectory(jobDirectory, parent: artifacts)
        let name = "\(phase)-\(digest.prefix(12)).json"
        try StoreFileSystem.writeAtomically(bytes, to: jobDirectory + "/" + name, directory: jobDirectory)
        return ArtifactReference(
            path: StoreReplica.artifactsName + "/" + job.rawValue + "/" + name, sha256: digest, size: Int64(bytes.count))
    }

    /// Reads an artifact and checks its digest.
    ///
    /// - Throws: `StoreError.corrupt` naming the file when it is missing, changed or not JSON.
    static func read(_ reference: ArtifactReference, storeDirectory: String) throws(StoreError) -> JSONObject {
        let path = storeDirectory + "/" + reference.path
        let bytes = try verifiedBytes(reference, storeDirectory: storeDirectory)
        guard let object = (try? JSONValue.parse(bytes))?.objectValue else {
            throw StoreError(.corrupt, "artifact \(reference.path) is not a JSON object", path: path)
        }
        return object
    }

    static func verifiedBytes(_ reference: ArtifactReference, storeDirectory: String) throws(StoreError) -> [UInt8] {
        let path = storeDirectory + "/" + reference.path
        // artifacts/<job> must be the store's own directory, not a link planted to elsewhere.
        if let slash = path.lastIndex(of: "/") { try StoreFileSystem.checkOwnDirectory(String(path[..<slash])) }
        guard let file = try StoreFile.openIfExists(path: path) else {
            throw StoreError(.corrupt, "artifact \(reference.path) is missing", path: path)
        }
        let bytes = try file.readAll()
        guard Hex.encode(SHA256.hash(bytes)) == reference.sha256 else {
            throw StoreError(.corrupt, "artifact \(reference.path) does not match its recorded SHA-256", path: path)
        }
        return bytes
    }

    /// Removes artifact directories of jobs the state does not know (collected, or never
    /// recorded), and files in known jobs' directories that no phase refers to.
    /// Call only under the exclusive lock, caught up.
    static func removeUnreferenced(machine: JobStateMachine, storeDirectory: String) throws(StoreError) {
        let artifacts = storeDirectory + "/" + StoreReplica.artifactsName
        for name in try StoreFileSystem.list(artifacts) {
            let jobDirectory = artifacts + "/" + name
            guard let id = try? JobID(validating: name), let record = machine.jobs[id] else {
                try StoreFileSystem.removeTree(jobDirectory)
                continue
            }
            // A running job's worker may be writing a file it has not recorded yet.
            guard record.status.isTerminal else { continue }
            let referenced = Set(record.phases.compactMap { $0.artifact?.path.split(separator: "/").last.map(String.init) })
            for file in try StoreFileSystem.list(jobDirectory) where !referenced.contains(file) {
                try StoreFileSystem.remove(jobDirectory + "/" + file)
            }
        }
        try StoreFileSystem.syncDirectory(artifacts)
    }
}
