/// A QR code symbol (ISO/IEC 18004, model 2) holding bytes in byte mode.
///
/// Byte mode alone serves what Cairn draws (an `otpauth://` URL, which alphanumeric mode cannot hold because of
/// its lower-case letters), so the encoder has one segment and no mode optimisation. The smallest version that
/// fits is chosen, and of the eight masks the one the standard's penalty rules score lowest.
package struct QRCode: Sendable, Equatable {
    /// How much of the symbol may be lost and still be read: about 7 %, 15 %, 25 % and 30 %.
    package enum Correction: Sendable { case low, medium, quartile, high }

    /// More bytes than version 40 holds at the level asked for.
    package struct TooLong: Error, Equatable {
        package init() {}
    }

    package let version: Int
    package let size: Int
    /// Row by row, `true` for dark.
    private let modules: [Bool]

    package init(bytes: [UInt8], correction: Correction = .medium) throws(TooLong) {
        let found = (1...40).first { version in
            4 + Self.countBits(version: version) + 8 * bytes.count <= 8 * Self.dataCapacity(version: version, correction)
        }
        guard let version = found else { throw TooLong() }
        self.version = version
        size = 17 + 4 * version
        let data = Self.dataCodewords(bytes, version: version, capacity: Self.dataCapacity(version: version, correction))
        var matrix = QRCodeMatrix(version: version, versionInformation: version >= 7 ? Self.versionInformation(version) : nil)
        matrix.place(Self.interleaved(data, version: version, correction))
        let candidates = (0..<8).map { mask in
            let masked = matrix.masked(mask, formatInformation: Self.formatInformation(correction, mask: mask))
            return (masked.penalty, masked.modules)
        }
        // `min(by:)` keeps the first of equals, so ties go to the lower mask number.
        modules = candidates.min { $0.0 < $1.0 }?.1 ?? matrix.modules
    }

    /// The text's UTF-8 bytes; readers take byte-mode data as UTF-8 (or guess it), which ASCII satisfies either way.
    package init(text: String, correction: Correction = .medium) throws(TooLong) {
        try self.init(bytes: Array(text.utf8), correction: correction)
    }

    /// true = a dark module; x, y in 0..<size
    package func isDark(x: Int, y: Int) -> Bool {
        precondition(x >= 0 && x < size && y >= 0 && y < size, "module (\(x), \(y)) is outside a \(size)-module symbol")
        return modules[y * size + x]
    }

    /// The 15 format bits: level and mask protected by BCH(15,5), then XORed with 0x5412 so that no combination
    /// leaves the format area all light, which a reader could take for background.
    package static func formatInformation(_ correction: Correction, mask: Int) -> Int {
        bch(correction.formatBits << 3 | mask, generator: 0x537, degree: 10) ^ 0x5412
    }

    /// The 18 version bits from version 7 on, where the version can no longer be told reliably from the size
    /// counted in modules: the version protected by BCH(18,6).
    package static func versionInformation(_ version: Int) -> Int {
        bch(version, generator: 0x1F25, degree: 12)
    }

    /// The value followed by the remainder of value·x^degree divided by the generator, over GF(2).
    private static func bch(_ value: Int, generator: Int, degree: Int) -> Int {
        func length(_ n: Int) -> Int { Int.bitWidth - n.leadingZeroBitCount }
        var remainder = value << degree
        while length(remainder) > degree {
            remainder ^= generator << (length(remainder) - length(generator))
        }
        return value << degree | remainder
    }

    // MARK: Capacity (table 9 of the standard)

    /// Error-correction codewords in each block, by level (L, M, Q, H) and then version.
    private static let correctionPerBlock: [[Int]] = [
        [
            7, 10, 15, 20, 26, 18, 20, 24, 30, 18, 20, 24, 26, 30, 22, 24, 28, 30, 28, 28,
            28, 28, 30, 30, 26, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30,
        ],
        [
            10, 16, 26, 18, 24, 16, 18, 22, 22, 26, 30, 22, 22, 24, 24, 28, 28, 26, 26, 26,
            26, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28,
        ],
        [
            13, 22, 18, 26, 18, 24, 18, 22, 20, 24, 28, 26, 24, 20, 30, 24, 28, 28, 26, 30,
            28, 30, 30, 30, 30, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30,
        ],
        [
            17, 28, 22, 16, 22, 28, 26, 26, 24, 28, 24, 28, 22, 24, 24, 30, 28, 28, 26, 28,
            30, 24, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30,
        ],
    ]

    /// Blocks the codewords are split into, by level and then version.
    private static let blockCounts: [[Int]] = [
        [
            1, 1, 1, 1, 1, 2, 2, 2, 2, 4, 4, 4, 4, 4, 6, 6, 6, 6, 7, 8,
            8, 9, 9, 10, 12, 12, 12, 13, 14, 15, 16, 17, 18, 19, 19, 20, 21, 22, 24, 25,
        ],
        [
            1, 1, 1, 2, 2, 4, 4, 4, 5, 5, 5, 8, 9, 9, 10, 10, 11, 13, 14, 16,
            17, 17, 18, 20, 21, 23, 25, 26, 28, 29, 31, 33, 35, 37, 38, 40, 43, 45, 47, 49,
        ],
        [
            1, 1, 2, 2, 4, 4, 6, 6, 8, 8, 8, 10, 12, 16, 12, 17, 16, 18, 21, 20,
            23, 23, 25, 27, 29, 34, 34, 35, 38, 40, 43, 45, 48, 51, 53, 56, 59, 62, 65, 68,
        ],
        [
            1, 1, 2, 4, 4, 4, 5, 6, 8, 8, 11, 11, 16, 16, 18, 16, 19, 21, 25, 25,
            25, 34, 30, 32, 35, 37, 40, 42, 45, 48, 51, 54, 57, 60, 63, 66, 70, 74, 77, 81,
        ],
    ]

    /// Byte mode's character count grows from 8 to 16 bits at version 10.
    private static func countBits(version: Int) -> Int { version < 10 ? 8 : 16 }

    /// Modules left for codewords once the function patterns are drawn: finders with their separators (3 × 64),
    /// format bits and the dark module (31), the two timing lines between the finders, the alignment patterns
    /// (25 each, less the 5 each shares with a timing line), and the version bits (36).
    private static func dataModules(version: Int) -> Int {
        let size = 17 + 4 * version
        var modules = size * size - 3 * 64 - 31 - 2 * (size - 16)
        if version >= 2 {
            let perSide = version / 7 + 2
            modules -= 25 * (perSide * perSide - 3) - 5 * 2 * (perSide - 2)
        }
        if version >= 7 { modules -= 36 }
        return modules
    }

    private static func dataCapacity(version: Int, _ correction: Correction) -> Int {
        let level = correction.row
        return dataModules(version: version) / 8 - correctionPerBlock[level][version - 1] * blockCounts[level][version - 1]
    }

    // MARK: Codewords

    /// Mode, count and bytes, then the terminator, zero bits to a byte boundary, and the alternating pad bytes
    /// 0xEC 0x11 up to the capacity.
    private static func dataCodewords(_ bytes: [UInt8], version: Int, capacity: Int) -> [UInt8] {
        var bits: [Bool] = []
        func append(_ value: Int, _ count: Int) {
            for i in stride(from: count - 1, through: 0, by: -1) { bits.append(value >> i & 1 == 1) }
        }
        append(0b0100, 4)
        append(bytes.count, countBits(version: version))
        for byte in bytes { append(Int(byte), 8) }
        append(0, min(4, 8 * capacity - bits.count))
        append(0, (8 - bits.count % 8) % 8)
        var codewords = stride(from: 0, to: bits.count, by: 8).map { start in
            bits[start..<start + 8].reduce(UInt8(0)) { $0 << 1 | ($1 ? 1 : 0) }
        }
        var pad: UInt8 = 0xEC
        while codewords.count < capacity {
            codewords.append(pad)
            pad ^= 0xEC ^ 0x11
        }
        return codewords
    }

    /// Splits the data into blocks, appends each block's Reed–Solomon codewords, and interleaves them codeword
    /// by codeword, so that a local smudge costs every block a little rather than one block too much. Where the
    /// blocks cannot be equal, the later ones carry one data codeword more.
    private static func interleaved(_ data: [UInt8], version: Int, _ correction: Correction) -> [UInt8] {
        let blockCount = blockCounts[correction.row][version - 1]
        let correctionLength = correctionPerBlock[correction.row][version - 1]
        let total = dataModules(version: version) / 8
        let shortBlocks = blockCount - total % blockCount
        let shortLength = total / blockCount - correctionLength
        var blocks: [[UInt8]] = []
        var start = 0
        for index in 0..<blockCount {
            let length = shortLength + (index < shortBlocks ? 0 : 1)
            blocks.append(Array(data[start..<start + length]))
            start += length
        }
        var codewords: [UInt8] = []
        for i in 0...shortLength {
            for block in blocks where i < block.count { codewords.append(block[i]) }
        }
        let corrections = blocks.map { ReedSolomon.remainder(of: $0, degree: correctionLength) }
        for i in 0..<correctionLength {
            for correction in corrections { codewords.append(correction[i]) }
        }
        return codewords
    }
}

extension QRCode.Correction {
    /// The row in the capacity tables.
    fileprivate var row: Int {
        switch self {
        case .low: 0
        case .medium: 1
        case .quartile: 2
        case .high: 3
        }
    }

    /// The level's two bits in the format information, which the standard does not number in L, M, Q, H order.
    fileprivate var formatBits: Int {
        switch self {
        case .low: 0b01
        case .medium: 0b00
        case .quartile: 0b11
        case .high: 0b10
        }
    }
}
