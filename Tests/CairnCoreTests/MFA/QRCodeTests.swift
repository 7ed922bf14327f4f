import CairnCore
import Testing

/// The QR code encoder against the standard's worked values and its structural rules, and the PNG writer
/// against the PNG and zlib formats; `QRCodeScanTests` reads the symbols back with a real decoder.
@Suite struct QRCodeTests {
    @Test func reedSolomonGivesTheStandardsCodewordsForHelloWorldAtOneM() {
        let data: [UInt8] = [32, 91, 11, 120, 209, 114, 220, 77, 67, 64, 236, 17, 236, 17, 236, 17]
        #expect(ReedSolomon.remainder(of: data, degree: 10) == [196, 35, 39, 119, 235, 215, 231, 226, 93, 23])
    }

    @Test func theSmallestVersionThatHoldsTheBytesIsChosen() throws {
        let expected: [(bytes: Int, version: Int)] = [(1, 1), (14, 1), (15, 2), (26, 2), (27, 3), (213, 10), (214, 11), (2331, 40)]
        for (count, version) in expected {
            let code = try QRCode(bytes: [UInt8](repeating: 0x61, count: count), correction: .medium)
            #expect(code.version == version, "\(count) bytes")
            #expect(code.size == 17 + 4 * version)
        }
        #expect(try QRCode(bytes: [UInt8](repeating: 0x61, count: 2953), correction: .low).version == 40)
        #expect(try QRCode(bytes: [UInt8](repeating: 0x61, count: 1273), correction: .high).version == 40)
        #expect(try QRCode(bytes: [UInt8](repeating: 0x61, count: 8), correction: .high).version == 2)
    }

    @Test func moreBytesThanVersion40HoldsIsTooLong() {
        #expect(throws: QRCode.TooLong()) { try QRCode(bytes: [UInt8](repeating: 0x61, count: 2332), correction: .medium) }
        #expect(throws: QRCode.TooLong()) { try QRCode(bytes: [UInt8](repeating: 0x61, count: 2954), correction: .low) }
        #expect(throws: QRCode.TooLong()) { try QRCode(bytes: [UInt8](repeating: 0x61, count: 1274), correction: .high) }
    }

    @Test func formatAndVersionBitsAreTheStandardsCodewords() {
        #expect(QRCode.formatInformation(.medium, mask: 0) == 0b101010000010010)
        #expect(QRCode.versionInformation(7) == 0b000111110010010100)
    }

    @Test func bothCopiesOfTheFormatBitsNameTheLevelAndOneMask() throws {
        for correction in [QRCode.Correction.low, .medium, .quartile, .high] {
            let code = try QRCode(text: "otpauth://totp/alice@123456789012?secret=JBSWY3DPEHPK3PXP", correction: correction)
            let n = code.size
            var first = 0
            var second = 0
            for i in 0..<15 {
                let (x, y) = i < 6 ? (8, i) : i < 8 ? (8, i + 1) : i == 8 ? (7, 8) : (14 - i, 8)
                let (x2, y2) = i < 8 ? (n - 1 - i, 8) : (8, n - 15 + i)
                if code.isDark(x: x, y: y) { first |= 1 << i }
                if code.isDark(x: x2, y: y2) { second |= 1 << i }
            }
            #expect(first == second)
            #expect((0..<8).contains { QRCode.formatInformation(correction, mask: $0) == first }, "\(correction)")
            #expect(code.isDark(x: 8, y: n - 8), "the dark module")
        }
    }

    @Test func bothCopiesOfTheVersionBitsAreDrawnFromVersion7() throws {
        let code = try QRCode(bytes: [UInt8](repeating: 0x61, count: 123), correction: .medium)
        try #require(code.version == 8)
        var topRight = 0
        var bottomLeft = 0
        for i in 0..<18 {
            if code.isDark(x: code.size - 11 + i % 3, y: i / 3) { topRight |= 1 << i }
            if code.isDark(x: i / 3, y: code.size - 11 + i % 3) { bottomLeft |= 1 << i }
        }
        #expect(topRight == QRCode.versionInformation(8))
        #expect(bottomLeft == QRCode.versionInformation(8))
    }

    @Test func findersWithLightSeparatorsSitInThreeCornersAndTimingLinesRunBetween() throws {
        for count in [1, 60, 400] {
            let code = try QRCode(bytes: [UInt8](repeating: 0x41, count: count))
            let n = code.size
            for (left, top) in [(0, 0), (n - 7, 0), (0, n - 7)] {
                for dy in -1...7 {
                    for dx in -1...7 where (0..<n).contains(left + dx) && (0..<n).contains(top + dy) {
                        let ring = max(abs(dx - 3), abs(dy - 3))
                        #expect(code.isDark(x: left + dx, y: top + dy) == (ring != 2 && ring != 4), "(\(left + dx), \(top + dy))")
                    }
                }
            }
            for i in 8..<n - 8 {
                #expect(code.isDark(x: i, y: 6) == (i % 2 == 0))
                #expect(code.isDark(x: 6, y: i) == (i % 2 == 0))
            }
        }
    }

    @Test func pngStartsWithTheSignatureAndAnIHDROfOneBitGrayscale() throws {
        let code = try QRCode(text: "HELLO")
        let png = code.png(moduleSize: 3, quietZone: 4)
        #expect(Array(png.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        let chunks = try Self.chunks(png)
        #expect(chunks.map(\.type) == ["IHDR", "IDAT", "IEND"])
        let side = UInt32((code.size + 8) * 3)
        let header = chunks[0].data
        #expect(header.count == 13)
        #expect(Self.bigEndian(header, at: 0) == side && Self.bigEndian(header, at: 4) == side)
        #expect(Array(header[8...]) == [1, 0, 0, 0, 0], "bit depth 1, grayscale, deflate, no filter method, no interlace")
    }

    @Test func everyChunkCarriesTheCRCOfItsTypeAndData() throws {
        #expect(PNGImage.crc32(Array("IEND".utf8)) == 0xAE42_6082)
        #expect(PNGImage.crc32(Array("123456789".utf8)) == 0xCBF4_3926)
        for chunk in try Self.chunks(try QRCode(text: "crc").png()) {
            #expect(chunk.crc == PNGImage.crc32(Array(chunk.type.utf8) + chunk.data), "\(chunk.type)")
        }
    }

    @Test func adler32IsRFC1950s() {
        #expect(PNGImage.adler32(Array("Wikipedia".utf8)) == 0x11E6_0398)
        #expect(PNGImage.adler32([]) == 1)
    }

    @Test func inflatingTheStoredBlocksGivesRowsWhosePixelsAreTheModules() throws {
        // 2331 bytes make version 40, whose image at 4 pixels a module needs more than one stored block.
        for (count, moduleSize) in [(20, 3), (2331, 4)] {
            let code = try QRCode(bytes: [UInt8](repeating: 0x7A, count: count))
            let png = code.png(moduleSize: moduleSize, quietZone: 4)
            let idat = try Self.chunks(png).filter { $0.type == "IDAT" }.flatMap(\.data)
            let raw = try Self.inflateStored(idat)
            let side = (code.size + 8) * moduleSize
            let rowLength = 1 + (side + 7) / 8
            try #require(raw.count == rowLength * side)
            var mismatches = 0
            for y in 0..<side {
                #expect(raw[y * rowLength] == 0, "filter type None")
                for x in 0..<side {
                    let white = raw[y * rowLength + 1 + x / 8] & (0x80 >> (x % 8)) != 0
                    let (column, row) = (x / moduleSize - 4, y / moduleSize - 4)
                    let inside = (0..<code.size).contains(column) && (0..<code.size).contains(row)
                    if white == (inside && code.isDark(x: column, y: row)) { mismatches += 1 }
                }
            }
            #expect(mismatches == 0, "version \(code.version)")
        }
    }

    // MARK: Reading PNG and zlib, enough to check what was written

    struct Chunk {
        let type: String
        let data: [UInt8]
        let crc: UInt32
    }

    static func bigEndian(_ bytes: [UInt8], at offset: Int) -> UInt32 {
        bytes[offset..<offset + 4].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
    }

    static func chunks(_ png: [UInt8]) throws -> [Chunk] {
        var chunks: [Chunk] = []
        var offset = 8
        while offset < png.count {
            try #require(offset + 12 <= png.count)
            let length = Int(bigEndian(png, at: offset))
            try #require(offset + 12 + length <= png.count)
            let type = String(decoding: png[offset + 4..<offset + 8], as: UTF8.self)
            let data = Array(png[offset + 8..<offset + 8 + length])
            chunks.append(Chunk(type: type, data: data, crc: bigEndian(png, at: offset + 8 + length)))
            offset += 12 + length
        }
        return chunks
    }

    /// RFC 1950's header and trailer around RFC 1951 stored blocks, the only kind the writer makes.
    static func inflateStored(_ stream: [UInt8]) throws -> [UInt8] {
        try #require(stream.count >= 6)
        #expect(stream[0] & 0x0F == 8, "deflate")
        #expect((Int(stream[0]) << 8 | Int(stream[1])) % 31 == 0, "header check bits")
        var output: [UInt8] = []
        var offset = 2
        var final = false
        while !final {
            try #require(offset + 5 <= stream.count)
            final = stream[offset] & 1 == 1
            #expect(stream[offset] >> 1 & 3 == 0, "stored block")
            let length = Int(stream[offset + 1]) | Int(stream[offset + 2]) << 8
            let complement = Int(stream[offset + 3]) | Int(stream[offset + 4]) << 8
            #expect(length ^ complement == 0xFFFF)
            try #require(offset + 5 + length <= stream.count)
            output += stream[offset + 5..<offset + 5 + length]
            offset += 5 + length
        }
        try #require(offset + 4 == stream.count)
        #expect(bigEndian(stream, at: offset) == PNGImage.adler32(output))
        return output
    }
}
