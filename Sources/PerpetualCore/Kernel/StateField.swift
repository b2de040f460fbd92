/// One named entry of a kernel's declared state: a stored property reached
/// by key path, with what it takes to capture, check and restore it.
///
/// Create fields with ``array(_:_:shape:partition:)`` and
/// ``scalar(_:_:)`` and list them in a ``StateDeclaration``.
public struct StateField<Root: AnyObject> {
    /// Entry name in ``KernelState`` and in the checkpoint; `/` makes groups.
    public let name: String
    let schemaEntry: (Root) -> StateSchema.Entry
    let capture: (Root) -> StateValue
    let restore: (Root, StateValue) throws -> Void

    /// Declares an array property.
    ///
    /// - Parameters:
    ///   - name: Entry name, unique within the declaration.
    ///   - keyPath: The property, row-major.
    ///   - shape: The shape the property has in a kernel of the current
    ///     configuration, for example `{ [$0.rows, $0.columns] }`. Capture
    ///     traps when the property's count does not match it; restore throws
    ///     ``KernelStateError`` when the stored shape differs.
    ///   - partition: For an array whose first axis is distributed over MPI
    ///     ranks, where this rank's rows sit (see ``StateArray/Partition``);
    ///     `nil` for an array of which every rank has the whole.
    public static func array<Element: StateElement>(
        _ name: String, _ keyPath: ReferenceWritableKeyPath<Root, [Element]>,
        shape: @escaping (Root) -> [Int], partition: ((Root) -> StateArray.Partition)? = nil
    ) -> StateField {
        StateField(
            name: name,
            schemaEntry: { root in
                StateSchema.Entry(name: name, type: Element.typeName, rank: shape(root).count,
                                  isPartitioned: partition != nil)
            },
            capture: { root in
                let elements = Element.elements(root[keyPath: keyPath])
                if let partition {
                    return .array(StateArray(elements, shape: shape(root), partition: partition(root)))
                }
                return .array(StateArray(elements, shape: shape(root)))
            },
            restore: { root, value in
                let expectedShape = shape(root)
                guard case .array(let array) = value, let values = Element.values(of: array.elements) else {
                    throw KernelStateError(.mismatchedEntry, entry: name, detail: "expected a \(Element.typeName) array of shape \(expectedShape)")
                }
                guard array.shape == expectedShape else {
                    throw KernelStateError(.mismatchedEntry, entry: name, detail: "expected shape \(expectedShape), found \(array.shape); the job's settings differ from the checkpoint's")
                }
                if let partition, array.partition != partition(root) {
                    throw KernelStateError(.mismatchedEntry, entry: name, detail: "expected rows of partition \(partition(root)), found \(String(describing: array.partition))")
                }
                root[keyPath: keyPath] = values
            })
    }

    /// Declares a scalar property: `Double`, `Int`, `Int64` or `String`.
    public static func scalar<Value: StateScalar>(_ name: String, _ keyPath: ReferenceWritableKeyPath<Root, Value>) -> StateField {
        StateField(
            name: name,
            schemaEntry: { _ in StateSchema.Entry(name: name, type: Value.typeName, rank: 0, isPartitioned: false) },
            capture: { root in root[keyPath: keyPath].stateValue },
            restore: { root, value in
                guard let scalar = Value.scalar(from: value) else {
                    throw KernelStateError(.mismatchedEntry, entry: name, detail: "expected a \(Value.typeName) scalar")
                }
                root[keyPath: keyPath] = scalar
            })
    }
}
