import CHDF5
import Foundation

/// Conversion between Swift strings and the buffers that `H5Dread`,
/// `H5Dwrite`, `H5Aread` and `H5Awrite` take for string types.
enum HDF5StringIO {
    /// Hands `write` a buffer of C string pointers, one per value, for a
    /// variable-length string type. Traps when a value contains a NUL
    /// character, which a C string cannot hold.
    static func writeVariable(_ values: [String], object: String, _ write: (UnsafeRawPointer) throws -> Void) throws {
        for value in values {
            precondition(!value.utf8.contains(0), "string for \(object) contains a NUL character, which HDF5 strings cannot hold")
        }
        let copies = values.map { strdup($0) }
        defer { copies.forEach { free($0) } }
        guard !copies.contains(where: { $0 == nil }) else {
            throw HDF5Error(operation: "strdup", object: object, stack: ["out of memory while copying \(values.count) strings"])
        }
        let pointers: [UnsafePointer<CChar>?] = copies.map { UnsafePointer($0) }
        try pointers.withUnsafeBytes { buffer in
            try write(buffer.baseAddress!)
        }
    }

    /// Reads `count` strings of `fileType`, fixed or variable length, through
    /// `read`, which receives the memory type to read with and the buffer.
    /// The memory type takes its character set from the file type, because
    /// HDF5 has no conversion between ASCII and UTF-8 string types.
    static func read(count: Int, fileType: HDF5Datatype, object: String,
                     _ read: (HDF5Datatype, UnsafeMutableRawPointer) throws -> Void) throws -> [String] {
        if count == 0 { return [] }
        if try fileType.isVariableString() {
            return try readVariable(count: count, fileType: fileType, object: object, read)
        }
        return try readFixed(count: count, fileType: fileType, read)
    }

    private static func readVariable(count: Int, fileType: HDF5Datatype, object: String,
                                     _ read: (HDF5Datatype, UnsafeMutableRawPointer) throws -> Void) throws -> [String] {
        // A copy of the file type keeps its on-disk location, and HDF5 finds
        // no conversion into it, so the memory type starts from H5T_C_S1.
        let memoryType = try HDF5Datatype.variableString(characterSet: try fileType.characterSet())
        var pointers = [UnsafeMutablePointer<CChar>?](repeating: nil, count: count)
        try pointers.withUnsafeMutableBytes { buffer in
            try read(memoryType, buffer.baseAddress!)
        }

        // HDF5 allocated each string; H5free_memory returns it to HDF5's allocator.
        defer {
            for pointer in pointers where pointer != nil {
                HDF5Handle.closeFromDeinit("H5free_memory", object) { H5free_memory(pointer) }
            }
        }
        return pointers.map { pointer in pointer.map { String(cString: $0) } ?? "" }
    }

    private static func readFixed(count: Int, fileType: HDF5Datatype,
                                  _ read: (HDF5Datatype, UnsafeMutableRawPointer) throws -> Void) throws -> [String] {
        let memoryType = try fileType.copy()
        let width = try memoryType.size()
        let padding = try memoryType.stringPadding()
        var bytes = [UInt8](repeating: 0, count: count * width)
        try bytes.withUnsafeMutableBytes { buffer in
            try read(memoryType, buffer.baseAddress!)
        }
        return (0..<count).map { index in
            var field = bytes[(index * width)..<((index + 1) * width)]
            if let end = field.firstIndex(of: 0) { field = field[..<end] }
            if padding == H5T_STR_SPACEPAD {
                while field.last == UInt8(ascii: " ") { field = field.dropLast() }
            }
            return String(decoding: field, as: UTF8.self)
        }
    }
}
