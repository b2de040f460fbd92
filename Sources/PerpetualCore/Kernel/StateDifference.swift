/// The first place where two kernel states differ, as found by
/// ``KernelState/firstDifference(from:)``.
public struct StateDifference: Sendable, Equatable, CustomStringConvertible {
    /// Name of the first entry, in the order of the expected state, that
    /// differs or exists in only one of the two states.
    public var entry: String
    /// Row-major index of the first differing element of an array, or `nil`
    /// when the entries differ as a whole (missing, another type or shape,
    /// a scalar).
    public var index: Int?
    /// Description of the difference, with both values.
    public var detail: String

    public init(entry: String, index: Int?, detail: String) {
        self.entry = entry
        self.index = index
        self.detail = detail
    }

    public var description: String {
        let location = index.map { "'\(entry)' at index \($0)" } ?? "'\(entry)'"
        return "\(location): \(detail)"
    }
}

extension KernelState {
    /// Returns where `self` first differs from `expected`, or `nil` when
    /// both hold the same entries with bit-identical values.
    ///
    /// Floating-point values are compared by bit pattern, so `-0.0` differs
    /// from `0.0` and a NaN equals a NaN with the same bits. Arrays must
    /// also agree in shape and partition.
    public func firstDifference(from expected: KernelState) -> StateDifference? {
        for (name, value) in expected.entries {
            guard let found = self[name] else {
                return StateDifference(entry: name, index: nil, detail: "missing from the compared state")
            }
            if let difference = Self.difference(found, value, name: name) {
                return difference
            }
        }
        let extra = names.filter { expected[$0] == nil }
        if let name = extra.first {
            return StateDifference(entry: name, index: nil, detail: "present only in the compared state")
        }
        return nil
    }

    private static func difference(_ found: StateValue, _ expected: StateValue, name: String) -> StateDifference? {
        switch (found, expected) {
        case (.array(let a), .array(let b)):
            guard a.shape == b.shape, a.partition == b.partition else {
                return StateDifference(entry: name, index: nil, detail: "shape \(a.shape) versus \(b.shape)")
            }
            return elementDifference(a.elements, b.elements, name: name)
        case (.float64(let a), .float64(let b)):
            return a.bitPattern == b.bitPattern ? nil : StateDifference(entry: name, index: nil, detail: "\(a) versus \(b)")
        default:
            return found == expected ? nil : StateDifference(entry: name, index: nil, detail: "\(found) versus \(expected)")
        }
    }

    private static func elementDifference(_ found: StateArray.Elements, _ expected: StateArray.Elements,
                                          name: String) -> StateDifference? {
        let index: Int?
        var detail = ""
        switch (found, expected) {
        case (.float64(let a), .float64(let b)):
            index = a.indices.first { a[$0].bitPattern != b[$0].bitPattern }
            if let index { detail = "\(a[index]) versus \(b[index])" }
        case (.int64(let a), .int64(let b)):
            index = a.indices.first { a[$0] != b[$0] }
            if let index { detail = "\(a[index]) versus \(b[index])" }
        case (.uint32(let a), .uint32(let b)):
            index = a.indices.first { a[$0] != b[$0] }
            if let index { detail = "\(a[index]) versus \(b[index])" }
        case (.uint64(let a), .uint64(let b)):
            index = a.indices.first { a[$0] != b[$0] }
            if let index { detail = "\(a[index]) versus \(b[index])" }
        default:
            return StateDifference(entry: name, index: nil,
                                   detail: "element type \(found.typeName) versus \(expected.typeName)")
        }
        return index.map { StateDifference(entry: name, index: $0, detail: detail) }
    }
}
