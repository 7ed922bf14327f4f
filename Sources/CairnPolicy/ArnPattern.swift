/// A Resource/NotResource entry or an Arn* condition value, matched segment-wise and case-sensitively.
///
/// The first five colon-separated parts are matched separately, so a `*` there never eats a colon (the
/// documented difference between ArnLike and StringLike); the sixth part, the resource, may contain colons
/// and slashes and its `*` spans them. Variables are substituted only in the resource part.
package struct ArnPattern: Sendable, Hashable {
    package enum Shape: UInt8, Sendable, Hashable {
        /// `*`: every resource, including the `*` that wildcard-only actions are authorized against.
        case anything
        case arn
        /// Not `*` and not six parts: AWS rejects these; here they match nothing.
        case invalid
    }

    package let text: String
    package let shape: Shape
    /// The first five parts (arn, partition, service, region, account).
    package let head: [GlobPattern]
    /// When none of the first five parts has a wildcard: their text with its colons, compared in one go.
    package let exactHead: GlobPattern?
    /// The resource part when it has no variables.
    package let fixedResource: GlobPattern?
    /// The resource part when it has `${…}` variables, resolved per request.
    package let templateResource: VariableTemplate?

    package init(_ text: String, substituteVariables: Bool) {
        self.text = text
        if text == "*" {
            shape = .anything
            head = []
            exactHead = nil
            fixedResource = nil
            templateResource = nil
            return
        }
        guard let split = ArnSplit(text) else {
            shape = .invalid
            head = []
            exactHead = nil
            fixedResource = nil
            templateResource = nil
            return
        }
        shape = .arn
        let bytes = Array(text.utf8)
        head = (0..<5).map { GlobPattern(String(decoding: split.segment($0, of: bytes), as: UTF8.self)) }
        exactHead = head.allSatisfy { !$0.hasWildcards } ? GlobPattern(literal: String(decoding: bytes[0..<split.colons.4], as: UTF8.self)) : nil
        let resourceText = String(decoding: split.segment(5, of: bytes), as: UTF8.self)
        let template = VariableTemplate(resourceText, substitute: substituteVariables)
        if template.hasVariables {
            fixedResource = nil
            templateResource = template
        } else {
            fixedResource = GlobPattern(resourceText)
            templateResource = nil
        }
    }

    package var variableKeys: [String] { templateResource?.variableKeys ?? [] }

    package func matches(_ subject: ParsedArn, context: RequestContext) -> Bool {
        switch shape {
        case .anything:
            return true
        case .invalid:
            return false
        case .arn:
            guard let split = subject.split else { return false }
            return subject.bytes.withUnsafeBufferPointer { buf in
                if let exactHead {
                    guard exactHead.matches(UnsafeBufferPointer(rebasing: buf[0..<split.colons.4])) else { return false }
                } else {
                    for i in 0..<5 where !head[i].matches(UnsafeBufferPointer(rebasing: buf[split.range(i)])) {
                        return false
                    }
                }
                let tail = UnsafeBufferPointer(rebasing: buf[split.range(5, count: buf.count)])
                if let fixedResource { return fixedResource.matches(tail) }
                guard let tokens = templateResource?.resolveTokens(context, wildcards: true) else { return false }
                return GlobPattern(tokens: tokens).matches(tail)
            }
        }
    }
}

/// Offsets of the five separating colons of an ARN (the sixth part keeps any further colons).
package struct ArnSplit: Sendable, Hashable {
    package var colons: (Int, Int, Int, Int, Int)

    package static func == (a: ArnSplit, b: ArnSplit) -> Bool {
        a.colons.0 == b.colons.0 && a.colons.1 == b.colons.1 && a.colons.2 == b.colons.2 && a.colons.3 == b.colons.3
            && a.colons.4 == b.colons.4
    }
    package func hash(into h: inout Hasher) {
        h.combine(colons.0)
        h.combine(colons.1)
        h.combine(colons.2)
        h.combine(colons.3)
        h.combine(colons.4)
    }

    package init?(_ text: String) {
        var found: [Int] = []
        found.reserveCapacity(5)
        var i = 0
        for b in text.utf8 {
            if b == UInt8(ascii: ":") {
                found.append(i)
                if found.count == 5 { break }
            }
            i += 1
        }
        guard found.count == 5 else { return nil }
        colons = (found[0], found[1], found[2], found[3], found[4])
    }

    package func range(_ i: Int, count: Int = .max) -> Range<Int> {
        switch i {
        case 0: 0..<colons.0
        case 1: (colons.0 + 1)..<colons.1
        case 2: (colons.1 + 1)..<colons.2
        case 3: (colons.2 + 1)..<colons.3
        case 4: (colons.3 + 1)..<colons.4
        default: (colons.4 + 1)..<count
        }
    }

    func segment(_ i: Int, of bytes: [UInt8]) -> ArraySlice<UInt8> {
        bytes[range(i, count: bytes.count)]
    }
}

/// A request-side ARN (or `*`), split once per decision.
package struct ParsedArn: Sendable, Hashable {
    package let text: String
    package let bytes: [UInt8]
    package let split: ArnSplit?

    package init(_ text: String) {
        self.text = text
        bytes = Array(text.utf8)
        split = ArnSplit(text)
    }

    /// The account segment, or nil when the ARN has none (e.g. S3 buckets) or is not an ARN.
    package var account: String? {
        guard let split else { return nil }
        let seg = bytes[split.range(4)]
        return seg.isEmpty ? nil : String(decoding: seg, as: UTF8.self)
    }
}
