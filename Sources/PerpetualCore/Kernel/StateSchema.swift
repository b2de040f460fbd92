/// The layout of a kernel's checkpointed state: for each entry its name,
/// element type, rank and whether it is partitioned over MPI ranks, plus the
/// version number that a ``DeclaredStateKernel`` declares.
///
/// Extents are not part of the schema, because they follow from the job's
/// settings (a grid of 64 or 512 points per side has the same schema), and
/// those settings are checked on resume by themselves. Entry order is not
/// part of it either. The checkpoint layer stores ``fingerprint`` and
/// ``canonicalText`` with every checkpoint.
public struct StateSchema: Sendable, Equatable, CustomStringConvertible {
    /// One entry of the schema.
    public struct Entry: Sendable, Equatable, Comparable, CustomStringConvertible {
        /// Entry name, as in ``KernelState``.
        public var name: String
        /// Element type: `float64`, `int64`, `uint32`, `uint64` or `string`.
        public var type: String
        /// Number of dimensions; 0 for a scalar.
        public var rank: Int
        /// Whether the first axis is distributed over MPI ranks.
        public var isPartitioned: Bool

        public init(name: String, type: String, rank: Int, isPartitioned: Bool) {
            self.name = name
            self.type = type
            self.rank = rank
            self.isPartitioned = isPartitioned
        }

        /// The entry as `name: float64, rank 2, partitioned`.
        public var description: String {
            let kind = rank == 0 ? "\(type) scalar" : "\(type), rank \(rank)"
            return "\(name): \(kind)\(isPartitioned ? ", partitioned" : "")"
        }

        public static func < (lhs: Entry, rhs: Entry) -> Bool { lhs.name < rhs.name }
    }

    /// Name of the state entry in which a ``DeclaredStateKernel`` stores its
    /// schema version. It is reserved: a declaration cannot use it.
    public static let versionEntryName = "schema_version"

    /// Entries sorted by name.
    public private(set) var entries: [Entry]
    /// Version declared by the kernel, or `nil` for a state without a
    /// `schema_version` entry (the built-in kernels).
    public var version: Int?

    public init(entries: [Entry], version: Int?) {
        self.entries = entries.sorted()
        self.version = version
    }

    /// Derives the schema of a captured or loaded state. The entry
    /// ``versionEntryName``, when present as an int64 scalar, sets ``version``
    /// and is left out of ``entries``.
    public init(describing state: KernelState) {
        var entries: [Entry] = []
        var version: Int?
        for (name, value) in state.entries {
            if name == Self.versionEntryName, case .int64(let number) = value {
                version = Int(number)
                continue
            }
            entries.append(Entry(describing: value, name: name))
        }
        self.init(entries: entries, version: version)
    }

    /// One line per entry, `name<TAB>type<TAB>rank<TAB>partitioned|replicated`,
    /// sorted by name, after a first line `version N` (or `version none`).
    /// ``fingerprint`` hashes exactly this text.
    public var canonicalText: String {
        var lines = ["version \(version.map(String.init) ?? "none")"]
        for entry in entries {
            lines.append("\(entry.name)\t\(entry.type)\t\(entry.rank)\t\(entry.isPartitioned ? "partitioned" : "replicated")")
        }
        return lines.joined(separator: "\n")
    }

    /// 64-bit FNV-1a hash of the UTF-8 bytes of ``canonicalText``, as 16
    /// lower-case hexadecimal digits. It identifies a layout, it is no
    /// protection against deliberate tampering.
    public var fingerprint: String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in canonicalText.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        let digits = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    /// The schema as `fingerprint (version N, K entries)`.
    public var description: String {
        "\(fingerprint) (version \(version.map(String.init) ?? "none"), \(entries.count) entries)"
    }

    /// Lists how `self`, the schema found in a checkpoint, differs from
    /// `other`, the schema a kernel expects. The result has one phrase per
    /// differing entry in name order, and is empty when the schemas are equal.
    public func differences(from other: StateSchema) -> [String] {
        var phrases: [String] = []
        if version != other.version {
            phrases.append("version \(version.map(String.init) ?? "none") in the checkpoint, \(other.version.map(String.init) ?? "none") in the kernel")
        }
        let found = Dictionary(uniqueKeysWithValues: entries.map { ($0.name, $0) })
        let expected = Dictionary(uniqueKeysWithValues: other.entries.map { ($0.name, $0) })
        for name in Set(found.keys).union(expected.keys).sorted() {
            switch (found[name], expected[name]) {
            case (let stored?, nil):
                phrases.append("'\(name)' is in the checkpoint but not declared by the kernel (\(stored))")
            case (nil, let declared?):
                phrases.append("'\(name)' is declared by the kernel but missing from the checkpoint (\(declared))")
            case (let stored?, let declared?) where stored != declared:
                phrases.append("'\(name)' is \(Entry.kind(stored)) in the checkpoint but \(Entry.kind(declared)) in the kernel")
            default:
                continue
            }
        }
        return phrases
    }
}

extension StateSchema.Entry {
    init(describing value: StateValue, name: String) {
        switch value {
        case .array(let array):
            self.init(name: name, type: array.elements.typeName, rank: array.shape.count,
                      isPartitioned: array.partition != nil)
        case .float64:
            self.init(name: name, type: "float64", rank: 0, isPartitioned: false)
        case .int64:
            self.init(name: name, type: "int64", rank: 0, isPartitioned: false)
        case .string:
            self.init(name: name, type: "string", rank: 0, isPartitioned: false)
        }
    }

    /// Returns the entry without its name, as `float64, rank 2, partitioned`.
    static func kind(_ entry: Self) -> String {
        String(entry.description.dropFirst(entry.name.count + 2))
    }
}
