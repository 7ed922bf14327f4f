/// The smallest PNG writer a QR code needs: one bit per pixel, no filtering, and deflate's stored blocks, so
/// that no compressor is involved. A QR code's pixels are few (at most a few tens of kilobytes at one bit
/// each), and any PNG reader handles stored blocks.
package enum PNGImage {
    /// A PNG of 1-bit grayscale pixels (colour type 0, bit depth 1), in which 0 is black and 1 is white.
    package static func blackAndWhite(width: Int, height: Int, isBlack: (Int, Int) -> Bool) -> [UInt8] {
        precondition(width > 0 && height > 0, "a PNG has at least one pixel")
        let rowLength = (width + 7) / 8
        var scanlines: [UInt8] = []
        scanlines.reserveCapacity((rowLength + 1) * height)
        for y in 0..<height {
            scanlines.append(0)  // filter type None
            for byteIndex in 0..<rowLength {
                var byte: UInt8 = 0
                for bit in 0..<8 {
                    let x = byteIndex * 8 + bit
                    if x < width && !isBlack(x, y) { byte |= 0x80 >> bit }
                }
                scanlines.append(byte)
            }
        }
        var png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        // Bit depth 1, colour type 0, then deflate, adaptive filtering and no interlace (all method 0).
        appendChunk("IHDR", bigEndian(UInt32(width)) + bigEndian(UInt32(height)) + [1, 0, 0, 0, 0], to: &png)
        appendChunk("IDAT", zlibStored(scanlines), to: &png)
        appendChunk("IEND", [], to: &png)
        return png
    }

    /// CRC-32 as PNG (and zlib's gzip) define it: reflected polynomial 0xEDB88320, all ones in and out.
    package static func crc32(_ bytes: some Sequence<UInt8>) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 != 0 ? crc >> 1 ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }

    /// Adler-32 (RFC 1950), the zlib stream's check of the uncompressed data.
    package static func adler32(_ bytes: some Sequence<UInt8>) -> UInt32 {
        var a: UInt32 = 1
        var b: UInt32 = 0
        for byte in bytes {
            a = (a + UInt32(byte)) % 65521
            b = (b + a) % 65521
        }
        return b << 16 | a
    }

    /// Length, type, data, and a CRC over type and data.
    private static func appendChunk(_ type: String, _ data: [UInt8], to png: inout [UInt8]) {
        let typeAndData = Array(type.utf8) + data
        png += bigEndian(UInt32(data.count))
        png += typeAndData
        png += bigEndian(crc32(typeAndData))
    }

    /// A zlib stream (RFC 1950) of stored deflate blocks (RFC 1951 §3.2.4), each at most 65,535 bytes, the most a
    /// block's 16-bit length can say.
    private static func zlibStored(_ data: [UInt8]) -> [UInt8] {
        // CMF 0x78: deflate with a 32 KiB window; FLG 0x01 makes CMF·256 + FLG a multiple of 31, as required.
        var stream: [UInt8] = [0x78, 0x01]
        var start = 0
        repeat {
            let end = min(start + 65_535, data.count)
            let length = UInt16(end - start)
            // BFINAL in bit 0 and BTYPE 00; a stored block's header is padded out to the byte boundary.
            stream.append(end == data.count ? 1 : 0)
            stream += [UInt8(length & 0xFF), UInt8(length >> 8), UInt8(~length & 0xFF), UInt8(~length >> 8)]
            stream += data[start..<end]
            start = end
        } while start < data.count
        stream += bigEndian(adler32(data))
        return stream
    }

    private static func bigEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
    }
}
