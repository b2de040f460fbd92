import CHDF5

/// Element type of a stored dataset or attribute, as far as this project
/// reads and writes them.
package enum HDF5ElementType: Sendable, Equatable, CustomStringConvertible {
    case float64
    case int64
    case uint32
    case uint64
    /// A string type, fixed or variable length, in any character set.
    case string
    /// Any other HDF5 type, described by its class and size.
    case unsupported(String)

    package var description: String {
        switch self {
        case .float64: "float64"
        case .int64: "int64"
        case .uint32: "uint32"
        case .uint64: "uint64"
        case .string: "string"
        case .unsupported(let text): text
        }
    }
}

/// A Swift number type with a matching HDF5 memory type and file type.
///
/// The memory type is the native one; the file type has a fixed
/// little-endian byte order so files read the same on every host. The
/// identifiers come from HDF5's global variables, valid only after `H5open`,
/// so read them only inside a call that holds the HDF5 lock.
package protocol HDF5Numeric: Sendable {
    static var elementType: HDF5ElementType { get }
    static var memoryTypeID: hid_t { get }
    static var fileTypeID: hid_t { get }
    /// A placeholder value to fill read buffers with.
    static var zero: Self { get }
}

extension Double: HDF5Numeric {
    package static var elementType: HDF5ElementType { .float64 }
    package static var memoryTypeID: hid_t { perpetual_H5T_NATIVE_DOUBLE() }
    package static var fileTypeID: hid_t { perpetual_H5T_IEEE_F64LE() }
}

extension Int64: HDF5Numeric {
    package static var elementType: HDF5ElementType { .int64 }
    package static var memoryTypeID: hid_t { perpetual_H5T_NATIVE_INT64() }
    package static var fileTypeID: hid_t { perpetual_H5T_STD_I64LE() }
}

extension UInt32: HDF5Numeric {
    package static var elementType: HDF5ElementType { .uint32 }
    package static var memoryTypeID: hid_t { perpetual_H5T_NATIVE_UINT32() }
    package static var fileTypeID: hid_t { perpetual_H5T_STD_U32LE() }
}

extension UInt64: HDF5Numeric {
    package static var elementType: HDF5ElementType { .uint64 }
    package static var memoryTypeID: hid_t { perpetual_H5T_NATIVE_UINT64() }
    package static var fileTypeID: hid_t { perpetual_H5T_STD_U64LE() }
}
