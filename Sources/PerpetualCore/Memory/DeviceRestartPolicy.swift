/// When reserved device memory at the threshold leads to a
/// release-and-restore (see ``DeviceMemoryBudget``).
///
/// A restart frees the caching allocator's blocks and allocates the
/// persistent tensors packed, so it undoes fragmentation and cached free
/// blocks. It cannot shrink the working set of a step: when the tensors
/// of the next step alone reserve more than the threshold, a job that
/// restarts at the threshold restarts after every step.
public enum DeviceRestartPolicy: String, Sendable, CaseIterable {
    /// Restart at the threshold only when the persistent tensors and the
    /// next step, allocated on an emptied device, would reserve less than
    /// the threshold. The default.
    case ifHelpful = "if-helpful"
    /// Restart whenever reserved bytes reach the threshold, even when a
    /// restart cannot bring them under it.
    case always
}
