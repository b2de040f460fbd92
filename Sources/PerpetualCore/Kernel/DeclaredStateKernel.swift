/// A ``Kernel`` whose state is declared once in ``stateDeclaration``; the
/// protocol supplies ``Kernel/captureState()`` and ``Kernel/restoreState(_:)``.
///
/// Restoring first compares the schema of the stored state with the declared
/// one (names, element types, ranks, partitioning and version). When they
/// differ it hands the stored state to ``migrateState(_:from:)`` and checks
/// the result again; a state that still differs throws
/// ``StateSchemaMismatch``. The conforming class must be `final`, because
/// the declaration refers to `Self`.
public protocol DeclaredStateKernel: Kernel {
    /// The fields of the state, with the schema version.
    static var stateDeclaration: StateDeclaration<Self> { get }

    /// Converts a state written under another schema into the declared one.
    ///
    /// The default implementation throws ``StateSchemaMismatch``. An
    /// implementation usually switches on `schema.version`, renames or
    /// converts entries, fills new ones from the kernel's configuration
    /// (`self` is a freshly built kernel), and returns the new state.
    /// - Parameters:
    ///   - state: The state as stored in the checkpoint.
    ///   - schema: Its schema; ``StateSchema/version`` is the version that wrote it.
    /// - Throws: ``StateSchemaMismatch`` or ``KernelStateError`` when the
    ///   state cannot be converted.
    func migrateState(_ state: KernelState, from schema: StateSchema) throws -> KernelState
}

extension DeclaredStateKernel {
    /// The schema this kernel expects, from its declaration and configuration.
    public var stateSchema: StateSchema { Self.stateDeclaration.schema(of: self) }

    public func captureState() -> KernelState {
        Self.stateDeclaration.capture(from: self)
    }

    /// Restores a captured state, migrating it when its schema differs.
    /// - Throws: ``StateSchemaMismatch`` when the schemas differ after
    ///   migration; ``KernelStateError`` when an entry has another shape.
    public func restoreState(_ state: KernelState) throws {
        let expected = stateSchema
        let stored = StateSchema(describing: state)
        var restored = state
        if stored != expected {
            restored = try migrateState(state, from: stored)
            let migrated = StateSchema(describing: restored)
            guard migrated == expected else {
                throw StateSchemaMismatch(kernelName: kernelName, checkpointSchema: migrated, kernelSchema: expected)
            }
        }
        try Self.stateDeclaration.restore(restored, into: self)
    }

    public func migrateState(_ state: KernelState, from schema: StateSchema) throws -> KernelState {
        throw StateSchemaMismatch(kernelName: kernelName, checkpointSchema: schema, kernelSchema: stateSchema)
    }
}
