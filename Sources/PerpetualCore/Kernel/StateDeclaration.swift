/// The checkpointed state of a kernel, declared once as a list of fields,
/// from which capture, restore and the ``StateSchema`` are derived.
///
/// ```swift
/// static var stateDeclaration: StateDeclaration<GrayScott> {
///     StateDeclaration(version: 1, [
///         .scalar("step", \.completedSteps),
///         .array("u", \.u, shape: { [$0.size, $0.size] }),
///     ])
/// }
/// ```
public struct StateDeclaration<Root: AnyObject> {
    /// Schema version, stored in every checkpoint as the int64 entry
    /// ``StateSchema/versionEntryName``. Raise it when the meaning of an
    /// entry changes without its name, type or rank changing.
    public var version: Int
    public var fields: [StateField<Root>]

    /// Creates a declaration and traps on a repeated name or on the reserved
    /// name ``StateSchema/versionEntryName``, because both are programming
    /// errors in the kernel.
    public init(version: Int = 1, _ fields: [StateField<Root>]) {
        var seen = Set<String>()
        for field in fields {
            precondition(field.name != StateSchema.versionEntryName,
                         "state field name '\(field.name)' is reserved for the schema version; rename the field")
            precondition(seen.insert(field.name).inserted, "state field '\(field.name)' is declared twice")
        }
        self.version = version
        self.fields = fields
    }

    /// Returns the schema that `root`, a kernel of its current configuration, expects.
    public func schema(of root: Root) -> StateSchema {
        StateSchema(entries: fields.map { $0.schemaEntry(root) }, version: version)
    }

    /// Captures every field of `root`, the version entry first.
    public func capture(from root: Root) -> KernelState {
        var state = KernelState()
        state[StateSchema.versionEntryName] = .int64(Int64(version))
        for field in fields {
            state[field.name] = field.capture(root)
        }
        return state
    }

    /// Writes every field of `state` into `root`. The schema must already
    /// match: this checks each entry's type and shape only.
    /// - Throws: ``KernelStateError`` naming the first entry that is missing
    ///   or has another type or shape.
    public func restore(_ state: KernelState, into root: Root) throws {
        for field in fields {
            guard let value = state[field.name] else {
                throw KernelStateError(.missingEntry, entry: field.name, detail: "the kernel declares it but the checkpoint has no such entry")
            }
            try field.restore(root, value)
        }
    }
}
