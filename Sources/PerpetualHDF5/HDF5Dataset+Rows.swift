import CHDF5

/// Reading and writing a range of rows along the first axis, the share of
/// one rank in a dataset partitioned over the ranks of a job.
extension HDF5Location {
    /// Creates a contiguous dataset of `shape` whose storage is allocated at
    /// once and never filled, without writing data, so that ranks can write
    /// their rows into it later (``HDF5Dataset/writeRows(_:firstRow:rowCount:)``).
    package func createPreallocatedDataset<Element: HDF5Numeric>(_ name: String, of type: Element.Type, shape: [Int]) throws -> HDF5Dataset {
        let space = try HDF5Dataspace(shape: shape)
        let creation = try HDF5PropertyList.preallocatedDatasetCreation()
        return try HDF5Dataset.create(name, in: self, fileType: { Element.fileTypeID }, space: space, creation: creation)
    }
}

extension HDF5Dataset {
    /// Writes `values`, `rowCount` whole rows, at rows
    /// `firstRow..<firstRow + rowCount` of a dataset with at least one
    /// dimension (`H5Sselect_hyperslab`, `H5Dwrite`).
    ///
    /// In a file opened with the MPI-IO driver the write is collective
    /// (`H5FD_MPIO_COLLECTIVE`): every rank calls it, a rank with no rows
    /// with `rowCount` 0, which selects nothing but still joins. Traps when
    /// `values` is not `rowCount` rows or the rows lie outside the dataset.
    /// - Throws: ``HDF5Error`` when a call fails, or when
    ///   ``HDF5WriteFaultInjection`` names this rank (tests only; the rank
    ///   still joins the collective write, with nothing selected).
    package func writeRows<Element: HDF5Numeric>(_ values: [Element], firstRow: Int, rowCount: Int) throws {
        let comm = file.comm
        if comm == nil {
            try HDF5WriteFaultInjection.stallAndFailIfRequested(object: objectDescription)
        }
        let injected = comm.map { HDF5WriteFaultInjection.failsWrites(onRank: $0.rank) } ?? false
        let (fileSpace, memorySpace) = try rowSelection(firstRow: firstRow, rowCount: injected ? 0 : rowCount,
                                                        valueCount: values.count, expectedRows: rowCount)
        let transfer = comm == nil ? nil : try HDF5PropertyList.collectiveTransfer()

        // A rank with nothing to write still passes a valid buffer: HDF5
        // 1.10 rejects a null buffer in some checks even when nothing is selected.
        let placeholder = [Element.zero]
        let source = values.isEmpty ? placeholder : values
        try withExtendedLifetime((self, fileSpace, memorySpace, transfer)) {
            try source.withUnsafeBytes { buffer in
                try HDF5Call.status("H5Dwrite", objectDescription) {
                    H5Dwrite(id, Element.memoryTypeID, memorySpace.id, fileSpace.id,
                             transfer?.id ?? perpetual_H5P_DEFAULT(), buffer.baseAddress)
                }
            }
        }
        if injected, let comm {
            throw HDF5Error(operation: "H5Dwrite", object: objectDescription,
                            stack: ["write failure injected on rank \(comm.rank) by \(HDF5WriteFaultInjection.variable) (for tests)"])
        }
    }

    /// Reads rows `firstRow..<firstRow + rowCount` in row-major order
    /// (`H5Sselect_hyperslab`, `H5Dread`), independently of other processes.
    /// - Throws: ``HDF5Error`` when the stored element type is not `Element`,
    ///   the rows need more memory than the host has, or a call fails.
    ///   Traps when the rows lie outside the dataset.
    package func readRows<Element: HDF5Numeric>(_ type: Element.Type, firstRow: Int, rowCount: Int) throws -> [Element] {
        let stored = try elementType()
        guard stored == Element.elementType else {
            throw HDF5Error(operation: "H5Dread", object: objectDescription,
                            stack: ["stored element type is \(stored), expected \(Element.elementType)"])
        }
        let shape = try self.shape()
        let count = try HDF5ReadSize.elementCount(shape: [rowCount] + shape.dropFirst(), bytesPerElement: MemoryLayout<Element>.stride,
                                                  operation: "H5Dread", object: objectDescription)
        let (fileSpace, memorySpace) = try rowSelection(firstRow: firstRow, rowCount: rowCount, valueCount: count, expectedRows: rowCount)
        var values = [Element](repeating: .zero, count: max(count, 1))
        try withExtendedLifetime((self, fileSpace, memorySpace)) {
            try values.withUnsafeMutableBytes { buffer in
                try HDF5Call.status("H5Dread", objectDescription) {
                    H5Dread(id, Element.memoryTypeID, memorySpace.id, fileSpace.id, perpetual_H5P_DEFAULT(), buffer.baseAddress)
                }
            }
        }
        return count == 0 ? [] : values
    }

    /// Returns the file dataspace with rows `firstRow..<firstRow + rowCount`
    /// selected (or nothing, for 0 rows) and a memory dataspace of the same
    /// number of elements.
    private func rowSelection(firstRow: Int, rowCount: Int, valueCount: Int, expectedRows: Int) throws -> (HDF5Dataspace, HDF5Dataspace) {
        let fileSpace = try dataspace()
        let shape = try fileSpace.shape()
        precondition(!shape.isEmpty, "\(objectDescription) is scalar; rows need at least one dimension")
        let rowWidth = shape.dropFirst().reduce(1, *)
        precondition(valueCount == expectedRows * rowWidth,
                     "\(expectedRows) rows of \(objectDescription) need \(expectedRows * rowWidth) values, \(valueCount) were given")
        precondition(firstRow >= 0 && firstRow + expectedRows <= shape[0],
                     "rows \(firstRow)..<\(firstRow + expectedRows) lie outside the \(shape[0]) rows of \(objectDescription)")

        let memoryShape = [max(rowCount, 1)] + shape.dropFirst()
        let memorySpace = try HDF5Dataspace(shape: memoryShape)
        if rowCount == 0 {
            try fileSpace.selectNone()
            try memorySpace.selectNone()
        } else {
            let start = [hsize_t(firstRow)] + [hsize_t](repeating: 0, count: shape.count - 1)
            let count = [hsize_t(rowCount)] + shape.dropFirst().map { hsize_t($0) }
            try fileSpace.selectHyperslab(start: start, count: count)
        }
        return (fileSpace, memorySpace)
    }
}

extension HDF5Dataspace {
    /// Selects nothing (`H5Sselect_none`).
    func selectNone() throws {
        try withExtendedLifetime(self) {
            try HDF5Call.status("H5Sselect_none", "dataspace") { H5Sselect_none(id) }
        }
    }

    /// Selects one block of `count` elements per dimension from `start`
    /// (`H5Sselect_hyperslab` with `H5S_SELECT_SET`).
    func selectHyperslab(start: [hsize_t], count: [hsize_t]) throws {
        try withExtendedLifetime(self) {
            try HDF5Call.status("H5Sselect_hyperslab", "dataspace") {
                H5Sselect_hyperslab(id, H5S_SELECT_SET, start, nil, count, nil)
            }
        }
    }
}
