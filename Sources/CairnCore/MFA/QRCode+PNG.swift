extension QRCode {
    /// The symbol as a PNG, each module `moduleSize` pixels square, inside a white quiet zone `quietZone` modules
    /// wide: readers find the finders by their contrast with that margin, and the standard asks for 4.
    package func png(moduleSize: Int = 4, quietZone: Int = 4) -> [UInt8] {
        precondition(moduleSize > 0 && quietZone >= 0, "a module needs at least one pixel")
        let side = (size + 2 * quietZone) * moduleSize
        return PNGImage.blackAndWhite(width: side, height: side) { x, y in
            let column = x / moduleSize - quietZone
            let row = y / moduleSize - quietZone
            return (0..<size).contains(column) && (0..<size).contains(row) && isDark(x: column, y: row)
        }
    }
}
