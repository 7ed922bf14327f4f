import Foundation

/// date_format's MySQL-style specifiers as a PostgreSQL to_char pattern; text between them is quoted so to_char
/// reads none of it as a pattern. The pattern travels as a bind parameter.
enum LakeDateFormat {
    private static let specifiers: [Character: String] = [
        "a": "Dy", "b": "Mon", "c": "FMMM", "d": "DD", "e": "FMDD", "f": "US", "H": "HH24", "h": "HH12", "I": "HH12",
        "i": "MI", "j": "DDD", "k": "FMHH24", "l": "FMHH12", "M": "FMMonth", "m": "MM", "p": "AM", "r": "HH12:MI:SS AM",
        "S": "SS", "s": "SS", "T": "HH24:MI:SS", "v": "IW", "W": "FMDay", "x": "IYYY", "Y": "YYYY", "y": "YY",
    ]

    static func pattern(_ format: String) throws(LakeRefusal) -> String {
        var pattern = ""
        var literal = ""
        func flush() {
            guard !literal.isEmpty else { return }
            pattern += "\"" + literal.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
            literal = ""
        }
        var characters = format.makeIterator()
        while let c = characters.next() {
            guard c == "%" else {
                literal.append(c)
                continue
            }
            guard let specifier = characters.next() else { throw LakeRefusal("date_format pattern ends with '%'") }
            if specifier == "%" {
                literal.append("%")
                continue
            }
            guard let mapped = specifiers[specifier] else { throw LakeRefusal("date_format specifier '%\(specifier)' is not supported") }
            flush()
            pattern += mapped
        }
        flush()
        return pattern
    }
}
