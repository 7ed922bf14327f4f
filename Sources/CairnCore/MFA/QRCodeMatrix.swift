/// The module grid of a symbol being drawn. The function patterns go in first and are marked reserved, because
/// the standard places data and applies masks only to the modules they leave free.
struct QRCodeMatrix: Sendable {
    let size: Int
    /// Row by row, `true` for dark.
    private(set) var modules: [Bool]
    private var reserved: [Bool]

    init(version: Int, versionInformation: Int?) {
        size = 17 + 4 * version
        modules = Array(repeating: false, count: size * size)
        reserved = modules
        for i in 0..<size {
            set(6, i, i % 2 == 0)
            set(i, 6, i % 2 == 0)
        }
        // Finders overwrite the timing lines' ends; each is drawn with its light separator around it.
        for (x, y) in [(3, 3), (size - 4, 3), (3, size - 4)] {
            for dy in -4...4 {
                for dx in -4...4 where (0..<size).contains(x + dx) && (0..<size).contains(y + dy) {
                    let ring = max(abs(dx), abs(dy))
                    set(x + dx, y + dy, ring != 2 && ring != 4)
                }
            }
        }
        let centres = Self.alignmentCentres(version: version, size: size)
        for y in centres {
            for x in centres where !Self.isFinderCorner(x, y, size: size) {
                for dy in -2...2 {
                    for dx in -2...2 { set(x + dx, y + dy, max(abs(dx), abs(dy)) != 1) }
                }
            }
        }
        // Reserves the format areas now; the bits themselves depend on the mask and are written with it.
        drawFormat(0)
        set(8, size - 8, true)
        if let bits = versionInformation {
            for i in 0..<18 {
                let dark = bits >> i & 1 == 1
                set(size - 11 + i % 3, i / 3, dark)
                set(i / 3, size - 11 + i % 3, dark)
            }
        }
    }

    /// Alignment centres on each axis (annex E): 6, the far edge less 7, and evenly spaced rows between them, the
    /// spacing even and rounded up, except version 32's, which the standard's table makes 26 rather than 28.
    static func alignmentCentres(version: Int, size: Int) -> [Int] {
        guard version >= 2 else { return [] }
        let count = version / 7 + 2
        let last = size - 7
        let step = version == 32 ? 26 : (last - 6 + 2 * (count - 1) - 1) / (2 * (count - 1)) * 2
        return [6] + (0..<count - 1).reversed().map { last - $0 * step }
    }

    private static func isFinderCorner(_ x: Int, _ y: Int, size: Int) -> Bool {
        (x == 6 && y == 6) || (x == 6 && y == size - 7) || (x == size - 7 && y == 6)
    }

    private mutating func set(_ x: Int, _ y: Int, _ dark: Bool) {
        modules[y * size + x] = dark
        reserved[y * size + x] = true
    }

    /// One copy around the top-left finder, the other split between the top-right (low bits) and bottom-left
    /// (high bits) finders, so that either survives damage to the other.
    private mutating func drawFormat(_ bits: Int) {
        for i in 0..<15 {
            let dark = bits >> i & 1 == 1
            switch i {
            case 0..<6: set(8, i, dark)
            case 6..<8: set(8, i + 1, dark)
            case 8: set(7, 8, dark)
            default: set(14 - i, 8, dark)
            }
            if i < 8 { set(size - 1 - i, 8, dark) } else { set(8, size - 15 + i, dark) }
        }
    }

    /// Codewords most significant bit first, in two-module columns zigzagging up and down from the bottom right,
    /// stepping over the vertical timing line; the remainder bits past the last codeword stay light.
    mutating func place(_ codewords: [UInt8]) {
        var bit = 0
        var upward = true
        var right = size - 1
        while right > 0 {
            if right == 6 { right = 5 }
            for step in 0..<size {
                let y = upward ? size - 1 - step : step
                for x in [right, right - 1] where !reserved[y * size + x] && bit < 8 * codewords.count {
                    modules[y * size + x] = codewords[bit / 8] >> (7 - bit % 8) & 1 == 1
                    bit += 1
                }
            }
            upward.toggle()
            right -= 2
        }
    }

    /// The symbol with the data modules inverted where the mask's condition holds (i is the row, j the column),
    /// and the format bits that name the mask.
    func masked(_ mask: Int, formatInformation: Int) -> QRCodeMatrix {
        var result = self
        for i in 0..<size {
            for j in 0..<size where !reserved[i * size + j] {
                let invert =
                    switch mask {
                    case 0: (i + j) % 2 == 0
                    case 1: i % 2 == 0
                    case 2: j % 3 == 0
                    case 3: (i + j) % 3 == 0
                    case 4: (i / 2 + j / 3) % 2 == 0
                    case 5: i * j % 2 + i * j % 3 == 0
                    case 6: (i * j % 2 + i * j % 3) % 2 == 0
                    default: ((i + j) % 2 + i * j % 3) % 2 == 0
                    }
                if invert { result.modules[i * size + j].toggle() }
            }
        }
        result.drawFormat(formatInformation)
        return result
    }

    /// The standard's score of features that trouble readers: long runs, 2 × 2 blocks, shapes a reader could
    /// take for a finder, and a dark/light balance far from even.
    var penalty: Int {
        var score = 0
        for a in 0..<size {
            score += Self.linePenalty((0..<size).map { modules[a * size + $0] })
            score += Self.linePenalty((0..<size).map { modules[$0 * size + a] })
        }
        for y in 0..<size - 1 {
            for x in 0..<size - 1 {
                let corner = modules[y * size + x]
                if modules[y * size + x + 1] == corner && modules[(y + 1) * size + x] == corner
                    && modules[(y + 1) * size + x + 1] == corner
                {
                    score += 3
                }
            }
        }
        let dark = modules.count(where: { $0 })
        let total = size * size
        // Each full 5 % away from half dark costs 10.
        score += 10 * (abs(20 * dark - 10 * total) / total)
        return score
    }

    /// Runs of five or more (3, plus 1 per module beyond five), and dark-light-dark×3-light-dark with four light
    /// modules on either side (40); outside the symbol counts as light, as the quiet zone is.
    private static func linePenalty(_ line: [Bool]) -> Int {
        var score = 0
        var run = 0
        for (index, module) in line.enumerated() {
            run = index > 0 && line[index - 1] == module ? run + 1 : 1
            if run == 5 { score += 3 } else if run > 5 { score += 1 }
        }
        let padded = [Bool](repeating: false, count: 4) + line + [Bool](repeating: false, count: 4)
        let finder: [Bool] = [true, false, true, true, true, false, true]
        for start in 4..<padded.count - 10 where padded[start..<start + 7].elementsEqual(finder) {
            let lightBefore = !padded[start - 4..<start].contains(true)
            let lightAfter = !padded[start + 7..<start + 11].contains(true)
            if lightBefore || lightAfter { score += 40 }
        }
        return score
    }
}
