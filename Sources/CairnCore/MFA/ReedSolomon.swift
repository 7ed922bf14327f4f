/// Reed–Solomon over GF(256) with the field polynomial QR codes use, x⁸ + x⁴ + x³ + x² + 1 (0x11D): the
/// codewords it appends to each block are what lets a reader recover a symbol that is smudged, cropped or
/// misread in places.
package enum ReedSolomon {
    /// The error-correction codewords of one block: the remainder of data·x^degree divided by the generator
    /// ∏ (x − αⁱ), i = 0 ..< degree, with α = 2. Coefficients run from the highest power down, the order in
    /// which the symbol stores them.
    package static func remainder(of data: [UInt8], degree: Int) -> [UInt8] {
        guard degree > 0 else { return [] }
        let generator = generator(degree: degree)
        var remainder = [UInt8](repeating: 0, count: degree)
        for byte in data {
            let factor = byte ^ remainder[0]
            remainder.removeFirst()
            remainder.append(0)
            for i in 0..<degree {
                remainder[i] ^= multiply(generator[i], factor)
            }
        }
        return remainder
    }

    /// The generator's coefficients below its leading 1 (which the division never needs), highest first.
    private static func generator(degree: Int) -> [UInt8] {
        var polynomial: [UInt8] = [1]
        var root: UInt8 = 1
        for _ in 0..<degree {
            // Multiplying by (x + root): subtraction is addition in a field of characteristic 2.
            var product = polynomial + [0]
            for (j, coefficient) in polynomial.enumerated() {
                product[j + 1] ^= multiply(coefficient, root)
            }
            polynomial = product
            root = multiply(root, 2)
        }
        return Array(polynomial.dropFirst())
    }

    /// Shift-and-add multiplication, reducing by the field polynomial whenever x⁸ appears; tables would be
    /// faster, but a symbol needs at most a few hundred thousand products.
    private static func multiply(_ a: UInt8, _ b: UInt8) -> UInt8 {
        var a = a
        var b = b
        var product: UInt8 = 0
        while b != 0 {
            if b & 1 != 0 { product ^= a }
            a = (a << 1) ^ (a & 0x80 != 0 ? 0x1D : 0)
            b >>= 1
        }
        return product
    }
}
