import PerpetualCore
import PerpetualHDF5

extension CheckpointWriter {
    /// Writes a kernel's ``StateLayout``: its groups, hard links to the
    /// datasets under `/state`, then its attributes. Links add no data and
    /// no checksum: the linked datasets keep theirs.
    func writeLayout(_ layout: StateLayout, to file: HDF5File) throws {
        guard !layout.isEmpty else { return }
        for group in layout.groups where try !file.contains(group) {
            _ = try file.createGroup(group)
        }
        for link in layout.links {
            try file.createHardLink(link.path, to: "/state/\(link.entry)")
        }
        for attribute in layout.attributes {
            try setAttribute(attribute, in: file)
        }
    }

    private func setAttribute(_ attribute: StateLayout.Attribute, in file: HDF5File) throws {
        let host: any HDF5AttributeHost
        if attribute.path == "/" {
            host = file
        } else if try file.memberKind(attribute.path) == .dataset {
            host = try file.openDataset(attribute.path)
        } else {
            host = try file.openGroup(attribute.path)
        }
        switch attribute.value {
        case .string(let value): try host.setAttribute(attribute.name, string: value)
        case .float64(let value): try host.setAttribute(attribute.name, value: value)
        case .float64Array(let values): try host.setAttribute(attribute.name, values: values)
        case .uint32(let value): try host.setAttribute(attribute.name, value: value)
        case .uint64Array(let values): try host.setAttribute(attribute.name, values: values)
        }
    }
}
