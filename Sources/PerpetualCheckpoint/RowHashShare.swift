import PerpetualCore

/// The row hashes of one rank's share of one partitioned array, as ranks
/// send them to rank 0 to compute or check the array's ``RowChecksum``.
struct RowHashShare: Equatable {
    /// Rows of the whole array.
    var globalRows: Int
    /// Global index of the first row of the share.
    var firstRow: Int
    /// XXH64 of each row of the share, in order.
    var hashes: [UInt64]

    init(globalRows: Int, firstRow: Int, hashes: [UInt64]) {
        self.globalRows = globalRows
        self.firstRow = firstRow
        self.hashes = hashes
    }

    init(_ array: StateArray) {
        self.init(globalRows: array.globalShape[0], firstRow: array.globalRowRange.lowerBound, hashes: array.rowHashes)
    }

    /// Encodes shares as little-endian uint64: per share the global rows,
    /// the first row, the hash count, then the hashes.
    static func encode(_ shares: [RowHashShare]) -> [UInt8] {
        var words: [UInt64] = []
        for share in shares {
            words += [UInt64(share.globalRows), UInt64(share.firstRow), UInt64(share.hashes.count)] + share.hashes
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(words.count * 8)
        for word in words {
            withUnsafeBytes(of: word.littleEndian) { bytes.append(contentsOf: $0) }
        }
        return bytes
    }

    /// Decodes what ``encode(_:)`` produced, or returns `nil` for malformed bytes.
    static func decode(_ bytes: [UInt8]) -> [RowHashShare]? {
        guard bytes.count % 8 == 0 else { return nil }
        let words = bytes.withUnsafeBytes { raw in
            (0..<(bytes.count / 8)).map { UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 8, as: UInt64.self)) }
        }
        var shares: [RowHashShare] = []
        var index = 0
        while index < words.count {
            guard index + 3 <= words.count else { return nil }
            let count = Int(words[index + 2])
            guard index + 3 + count <= words.count else { return nil }
            shares.append(RowHashShare(globalRows: Int(words[index]), firstRow: Int(words[index + 1]),
                                       hashes: Array(words[(index + 3)..<(index + 3 + count)])))
            index += 3 + count
        }
        return shares
    }

    /// Combines the shares of all ranks (`perRank[r]` lists rank `r`'s
    /// shares, one per array in the same order) into one ``RowChecksum`` per
    /// array. Returns a description of the problem when the shares of an
    /// array do not cover its rows exactly once.
    static func checksums(from perRank: [[RowHashShare]], arrayCount: Int) -> Result<[UInt64], ShareMismatch> {
        guard perRank.allSatisfy({ $0.count == arrayCount }) else {
            return .failure(ShareMismatch(arrayIndex: nil, detail: "ranks sent row hashes of \(perRank.map(\.count)) arrays, expected \(arrayCount) each"))
        }
        var result: [UInt64] = []
        for array in 0..<arrayCount {
            let shares = perRank.map { $0[array] }.sorted { $0.firstRow < $1.firstRow }
            var next = 0
            var hashes: [UInt64] = []
            for share in shares where !share.hashes.isEmpty {
                guard share.firstRow == next else {
                    return .failure(ShareMismatch(arrayIndex: array, detail: "rows \(next)..<\(share.firstRow) have no rank, or ranks overlap at row \(share.firstRow)"))
                }
                hashes += share.hashes
                next += share.hashes.count
            }
            guard next == shares[0].globalRows, shares.allSatisfy({ $0.globalRows == next }) else {
                return .failure(ShareMismatch(arrayIndex: array, detail: "the ranks' rows cover 0..<\(next), expected 0..<\(shares[0].globalRows)"))
            }
            result.append(RowChecksum.combine(hashes))
        }
        return .success(result)
    }

    /// Shares that do not tile an array's rows.
    struct ShareMismatch: Error {
        var arrayIndex: Int?
        var detail: String
    }
}
