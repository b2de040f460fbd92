/// A second view of a kernel's checkpointed state, in the layout a field's
/// standard prescribes (openPMD for particles, for example): extra groups,
/// hard links to state entries and attributes, all at absolute paths.
///
/// The checkpoint layer writes the view after the state entries. It is not
/// read back: a restore reads only the entries under `/state`, so the view
/// costs no data, only links and attributes.
public struct StateLayout: Sendable, Equatable {
    /// Value of one attribute. Each case maps to one HDF5 type.
    public enum AttributeValue: Sendable, Equatable {
        case string(String)
        case float64(Double)
        case float64Array([Double])
        case uint32(UInt32)
        case uint64Array([UInt64])
    }

    /// Attribute `name` on the group or dataset at `path` (`/` is the root).
    public struct Attribute: Sendable, Equatable {
        public var path: String
        public var name: String
        public var value: AttributeValue

        public init(path: String, name: String, value: AttributeValue) {
            self.path = path
            self.name = name
            self.value = value
        }
    }

    /// A hard link at the absolute `path` to the state entry `entry`.
    public struct Link: Sendable, Equatable {
        public var path: String
        public var entry: String

        public init(path: String, entry: String) {
            self.path = path
            self.entry = entry
        }
    }

    /// Absolute paths of groups to create, parents before children.
    public var groups: [String] = []
    public var links: [Link] = []
    /// Attributes, set after the groups and links exist.
    public var attributes: [Attribute] = []

    public init() {}

    public var isEmpty: Bool { groups.isEmpty && links.isEmpty && attributes.isEmpty }
}
