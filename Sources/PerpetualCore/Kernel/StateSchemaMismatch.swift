/// A checkpoint whose state schema differs from the one the resuming kernel
/// declares, and which the kernel's migration did not convert.
///
/// The command-line tool maps it to exit code 65 (incompatible input).
public struct StateSchemaMismatch: Error, CustomStringConvertible, Sendable, Equatable {
    /// ``Kernel/kernelName`` of the resuming kernel.
    public var kernelName: String
    /// Schema of the state stored in the checkpoint.
    public var checkpointSchema: StateSchema
    /// Schema the kernel declares.
    public var kernelSchema: StateSchema

    public init(kernelName: String, checkpointSchema: StateSchema, kernelSchema: StateSchema) {
        self.kernelName = kernelName
        self.checkpointSchema = checkpointSchema
        self.kernelSchema = kernelSchema
    }

    /// Entries that differ, one phrase each (see ``StateSchema/differences(from:)``).
    public var differences: [String] { checkpointSchema.differences(from: kernelSchema) }

    public var description: String {
        "the checkpoint's state schema \(checkpointSchema) does not match the schema \(kernelSchema) of kernel '\(kernelName)': "
            + differences.joined(separator: "; ")
            + ". Resume with the program version that wrote the checkpoint, or convert old states in the kernel's migrateState(_:from:)"
    }
}
