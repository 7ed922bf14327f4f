import Foundation

/// The JSONPath subset Trino's json_extract and json_extract_scalar take: `$`, then `.key`, `["key"]` and `[index]`.
/// Each step becomes one element of a PostgreSQL `#>` path, bound as a parameter.
enum LakeJSONPath {
    static func keys(_ path: String) throws(LakeRefusal) -> [String] {
        let chars = Array(path.trimmingCharacters(in: .whitespaces).unicodeScalars)
        guard chars.first == "$" else { throw LakeRefusal("Invalid JSON path: '\(path)' must start with '$'") }
        var keys: [String] = []
        var i = 1
        func invalid() -> LakeRefusal { LakeRefusal("Invalid JSON path: '\(path)'") }
        while i < chars.count {
            if chars[i] == "." {
                i += 1
                var key = ""
                while i < chars.count, chars[i] != ".", chars[i] != "[" {
                    if chars[i] == "*" { throw LakeRefusal("Wildcards are not supported in JSON paths") }
                    key.unicodeScalars.append(chars[i])
                    i += 1
                }
                guard !key.isEmpty else { throw invalid() }
                keys.append(key)
            } else if chars[i] == "[" {
                i += 1
                guard i < chars.count else { throw invalid() }
                if chars[i] == "\"" || chars[i] == "'" {
                    let quote = chars[i]
                    i += 1
                    var key = ""
                    while i < chars.count, chars[i] != quote {
                        if chars[i] == "\\", i + 1 < chars.count { i += 1 }
                        key.unicodeScalars.append(chars[i])
                        i += 1
                    }
                    guard i < chars.count else { throw invalid() }
                    i += 1
                    keys.append(key)
                } else {
                    var digits = ""
                    while i < chars.count, ("0"..."9").contains(chars[i]) {
                        digits.unicodeScalars.append(chars[i])
                        i += 1
                    }
                    if i < chars.count, chars[i] == "*" { throw LakeRefusal("Wildcards are not supported in JSON paths") }
                    guard !digits.isEmpty, let index = Int(digits) else { throw invalid() }
                    keys.append(String(index))
                }
                guard i < chars.count, chars[i] == "]" else { throw invalid() }
                i += 1
            } else {
                throw invalid()
            }
        }
        return keys
    }
}
