/// An element type of a declared state array, one per case of
/// ``StateArray/Elements``: `Double`, `Int64`, `UInt32` and `UInt64`.
///
/// Only these four conform; the checkpoint layer has an HDF5 type for each.
public protocol StateElement {
    /// Wraps values in the matching ``StateArray/Elements`` case.
    static func elements(_ values: [Self]) -> StateArray.Elements
    /// Returns the values when `elements` is the matching case, else `nil`.
    static func values(of elements: StateArray.Elements) -> [Self]?
    /// Type name as in ``StateArray/Elements/typeName``.
    static var typeName: String { get }
}

extension Double: StateElement {
    public static func elements(_ values: [Double]) -> StateArray.Elements { .float64(values) }
    public static func values(of elements: StateArray.Elements) -> [Double]? {
        if case .float64(let values) = elements { values } else { nil }
    }
    public static var typeName: String { "float64" }
}

extension Int64: StateElement {
    public static func elements(_ values: [Int64]) -> StateArray.Elements { .int64(values) }
    public static func values(of elements: StateArray.Elements) -> [Int64]? {
        if case .int64(let values) = elements { values } else { nil }
    }
    public static var typeName: String { "int64" }
}

extension UInt32: StateElement {
    public static func elements(_ values: [UInt32]) -> StateArray.Elements { .uint32(values) }
    public static func values(of elements: StateArray.Elements) -> [UInt32]? {
        if case .uint32(let values) = elements { values } else { nil }
    }
    public static var typeName: String { "uint32" }
}

extension UInt64: StateElement {
    public static func elements(_ values: [UInt64]) -> StateArray.Elements { .uint64(values) }
    public static func values(of elements: StateArray.Elements) -> [UInt64]? {
        if case .uint64(let values) = elements { values } else { nil }
    }
    public static var typeName: String { "uint64" }
}

/// A scalar type of a declared state entry: `Double`, `Int`, `Int64` and
/// `String`. `Int` is stored as an int64 scalar.
public protocol StateScalar {
    /// The value as a state entry.
    var stateValue: StateValue { get }
    /// Returns the value when `value` is the matching case, else `nil`.
    static func scalar(from value: StateValue) -> Self?
    /// Type name as written in a ``StateSchema``.
    static var typeName: String { get }
}

extension Double: StateScalar {
    public var stateValue: StateValue { .float64(self) }
    public static func scalar(from value: StateValue) -> Double? {
        if case .float64(let number) = value { number } else { nil }
    }
}

extension Int64: StateScalar {
    public var stateValue: StateValue { .int64(self) }
    public static func scalar(from value: StateValue) -> Int64? {
        if case .int64(let number) = value { number } else { nil }
    }
}

extension Int: StateScalar {
    public var stateValue: StateValue { .int64(Int64(self)) }
    public static func scalar(from value: StateValue) -> Int? {
        if case .int64(let number) = value { Int(exactly: number) } else { nil }
    }
    public static var typeName: String { "int64" }
}

extension String: StateScalar {
    public var stateValue: StateValue { .string(self) }
    public static func scalar(from value: StateValue) -> String? {
        if case .string(let text) = value { text } else { nil }
    }
    public static var typeName: String { "string" }
}
