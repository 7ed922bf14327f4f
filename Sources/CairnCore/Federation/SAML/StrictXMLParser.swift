/// A small, non-validating XML 1.0 + Namespaces parser for documents that arrive from outside: SAML Responses and
/// identity-provider metadata. It reads only what those need and refuses the rest, rather than handing attacker
/// input to a general parser: no DOCTYPE (so no entity expansion and no external entities), no entity besides the
/// five predefined ones, UTF-8 only, and bounded size and depth. Attribute and namespace-declaration order is kept
/// as written, because canonicalization and error messages both depend on it.
package struct StrictXMLParser {
    private let bytes: [UInt8]
    private let limits: XMLParserLimits
    private var position = 0
    private var nextDocumentOrder = 0

    private init(bytes: [UInt8], limits: XMLParserLimits) {
        self.bytes = bytes
        self.limits = limits
    }

    /// Parses a whole document and returns its document element.
    package static func parse(
        _ input: some Collection<UInt8>, limits: XMLParserLimits = .samlMessage
    ) throws(XMLParseError)
        -> XMLElementNode
    {
        guard input.count <= limits.maxBytes else { throw .documentTooLarge(bytes: input.count, limit: limits.maxBytes) }
        var raw = Array(input)
        if raw.starts(with: [0xEF, 0xBB, 0xBF]) { raw.removeFirst(3) }
        guard String(validating: raw, as: UTF8.self) != nil else { throw .invalidUTF8 }
        var parser = StrictXMLParser(bytes: Self.normalizingLineEnds(raw), limits: limits)
        try parser.checkCharacters()
        return try parser.parseDocument()
    }

    package static func parse(_ text: String, limits: XMLParserLimits = .samlMessage) throws(XMLParseError) -> XMLElementNode {
        try parse(Array(text.utf8), limits: limits)
    }

    /// XML 1.0 §2.11: CR LF and lone CR become LF before anything else is read.
    private static func normalizingLineEnds(_ raw: [UInt8]) -> [UInt8] {
        guard raw.contains(Byte.carriageReturn) else { return raw }
        var result: [UInt8] = []
        result.reserveCapacity(raw.count)
        var index = 0
        while index < raw.count {
            let byte = raw[index]
            if byte == Byte.carriageReturn {
                result.append(Byte.lineFeed)
                if index + 1 < raw.count, raw[index + 1] == Byte.lineFeed { index += 1 }
            } else {
                result.append(byte)
            }
            index += 1
        }
        return result
    }

    /// Refuses C0 controls other than tab and line feed, and U+FFFE / U+FFFF, which XML 1.0's `Char` excludes.
    private func checkCharacters() throws(XMLParseError) {
        for index in bytes.indices {
            let byte = bytes[index]
            if byte < 0x20, byte != Byte.tab, byte != Byte.lineFeed { throw invalidCharacter(at: index) }
            if byte == 0xEF, index + 2 < bytes.count, bytes[index + 1] == 0xBF, bytes[index + 2] >= 0xBE {
                throw invalidCharacter(at: index)
            }
        }
    }

    private mutating func parseDocument() throws(XMLParseError) -> XMLElementNode {
        if starts(with: Token.xmlDeclaration), position + 5 < bytes.count, Byte.isWhitespace(bytes[position + 5]) {
            try parseXMLDeclaration()
        }
        try skipMisc()
        guard peek == Byte.lessThan else { throw malformed("the document element is missing") }
        let root = try parseElement(depth: 1, scope: ["xml": XMLNamespaces.xml])
        try skipMisc()
        guard position == bytes.count else {
            throw malformed("only comments, processing instructions and whitespace may follow the document element")
        }
        return root
    }

    private mutating func parseXMLDeclaration() throws(XMLParseError) {
        position += Token.xmlDeclaration.count
        var seen: [String] = []
        while true {
            let hadSpace = skipWhitespace()
            if starts(with: Token.processingInstructionEnd) {
                position += 2
                break
            }
            guard hadSpace else { throw malformed("expected whitespace in the XML declaration") }
            let name = try readName()
            skipWhitespace()
            try expect(Byte.equals, "expected = in the XML declaration")
            skipWhitespace()
            let value = try readQuotedLiteral()
            let expectedOrder = ["version", "encoding", "standalone"]
            guard let rank = expectedOrder.firstIndex(of: name), seen.allSatisfy({ expectedOrder.firstIndex(of: $0)! < rank })
            else { throw malformed("unexpected \(name) in the XML declaration") }
            seen.append(name)
            switch name {
            case "version" where value != "1.0": throw malformed("XML version \(value) is not supported")
            case "encoding" where value.lowercased() != "utf-8": throw .unsupportedEncoding(value)
            case "standalone" where value != "yes" && value != "no": throw malformed("standalone must be yes or no")
            default: break
            }
        }
        guard seen.first == "version" else { throw malformed("the XML declaration must start with version") }
    }

    /// Comments, processing instructions and whitespace around the document element; they are not kept.
    private mutating func skipMisc() throws(XMLParseError) {
        while true {
            skipWhitespace()
            if starts(with: Token.commentStart) {
                _ = try parseComment()
            } else if starts(with: Token.doctype) {
                throw doctypeRefusal()
            } else if starts(with: Token.markupDeclarationStart) {
                throw malformed("unexpected markup declaration")
            } else if starts(with: Token.processingInstructionStart) {
                _ = try parseProcessingInstruction()
            } else {
                return
            }
        }
    }

    private mutating func parseElement(depth: Int, scope parentScope: [String: String]) throws(XMLParseError) -> XMLElementNode {
        let tagStart = position
        guard depth <= limits.maxDepth else {
            let (line, column) = location(of: tagStart)
            throw .nestingTooDeep(limit: limits.maxDepth, line: line, column: column)
        }
        position += 1
        let qualifiedName = try readName()
        var written: [(name: String, value: String, offset: Int)] = []
        // Sets, so a start tag stuffed with thousands of attributes costs linear time, not quadratic.
        var writtenNames: Set<String> = []
        var selfClosing = false
        while true {
            let hadSpace = skipWhitespace()
            guard let byte = peek else { throw malformed("the document ends inside the start tag <\(qualifiedName)>") }
            if byte == Byte.greaterThan {
                position += 1
                break
            }
            if byte == Byte.slash {
                position += 1
                try expect(Byte.greaterThan, "expected > after / in <\(qualifiedName)>")
                selfClosing = true
                break
            }
            guard hadSpace else { throw malformed("expected whitespace before an attribute of <\(qualifiedName)>") }
            let offset = position
            let name = try readName()
            skipWhitespace()
            try expect(Byte.equals, "expected = after the attribute \(name)")
            skipWhitespace()
            let value = try readAttributeValue()
            guard writtenNames.insert(name).inserted else {
                let (line, column) = location(of: offset)
                throw .duplicateAttribute(name, line: line, column: column)
            }
            written.append((name, value, offset))
        }

        var scope = parentScope
        var declarations: [XMLNamespaceDeclaration] = []
        for attribute in written where attribute.name == "xmlns" || attribute.name.hasPrefix("xmlns:") {
            let isDefault = attribute.name == "xmlns"
            let prefix = isDefault ? "" : String(attribute.name.dropFirst(6))
            try checkDeclaration(prefix: prefix, isDefault: isDefault, uri: attribute.value, offset: attribute.offset)
            if prefix.isEmpty, attribute.value.isEmpty {
                scope.removeValue(forKey: "")
            } else {
                scope[prefix] = attribute.value
            }
            declarations.append(XMLNamespaceDeclaration(prefix: prefix, uri: attribute.value))
        }

        let name = try resolve(qualifiedName, in: scope, isAttribute: false, offset: tagStart)
        var attributes: [XMLAttribute] = []
        var expandedNames: Set<[String]> = []
        for attribute in written where attribute.name != "xmlns" && !attribute.name.hasPrefix("xmlns:") {
            let resolved = try resolve(attribute.name, in: scope, isAttribute: true, offset: attribute.offset)
            guard expandedNames.insert([resolved.namespaceURI, resolved.localName]).inserted else {
                let (line, column) = location(of: attribute.offset)
                throw .duplicateAttribute("{\(resolved.namespaceURI)}\(resolved.localName)", line: line, column: column)
            }
            attributes.append(XMLAttribute(name: resolved, value: attribute.value))
        }

        let documentOrder = nextDocumentOrder
        nextDocumentOrder += 1
        let children = selfClosing ? [] : try parseContent(depth: depth, scope: scope, closing: qualifiedName)
        return XMLElementNode(
            name: name, namespaceDeclarations: declarations, attributes: attributes, children: children,
            inScopeNamespaces: scope, documentOrder: documentOrder)
    }

    /// Namespaces in XML 1.0 §3: the constraints on binding `xml`, `xmlns` and empty URIs.
    private func checkDeclaration(prefix: String, isDefault: Bool, uri: String, offset: Int) throws(XMLParseError) {
        let problem: String? =
            if prefix.contains(":") || (prefix.isEmpty && !isDefault) {
                "the prefix \(prefix) is not a valid name"
            } else if prefix == "xmlns" {
                "the prefix xmlns cannot be declared"
            } else if prefix == "xml", uri != XMLNamespaces.xml {
                "the prefix xml cannot be bound to another namespace"
            } else if prefix != "xml", uri == XMLNamespaces.xml {
                "the XML namespace cannot be bound to another prefix"
            } else if uri == XMLNamespaces.xmlns {
                "the xmlns namespace cannot be declared"
            } else if !prefix.isEmpty, uri.isEmpty {
                "xmlns:\(prefix)=\"\" would undeclare a prefix, which XML 1.0 namespaces do not allow"
            } else {
                nil
            }
        if let problem {
            let (line, column) = location(of: offset)
            throw .invalidNamespaceDeclaration(problem, line: line, column: column)
        }
    }

    private func resolve(
        _ qualifiedName: String, in scope: [String: String], isAttribute: Bool, offset: Int
    ) throws(XMLParseError)
        -> XMLName
    {
        let parts = qualifiedName.split(separator: ":", omittingEmptySubsequences: false)
        switch parts.count {
        case 1:
            return XMLName(prefix: "", localName: qualifiedName, namespaceURI: isAttribute ? "" : scope[""] ?? "")
        case 2 where !parts[0].isEmpty && !parts[1].isEmpty:
            let prefix = String(parts[0])
            guard prefix != "xmlns" else {
                let (line, column) = location(of: offset)
                throw .invalidNamespaceDeclaration("an element cannot be named with the xmlns prefix", line: line, column: column)
            }
            guard let uri = scope[prefix] else {
                let (line, column) = location(of: offset)
                throw .unboundPrefix(prefix, line: line, column: column)
            }
            return XMLName(prefix: prefix, localName: String(parts[1]), namespaceURI: uri)
        default:
            throw malformed("\(qualifiedName) is not a valid qualified name", at: offset)
        }
    }

    private mutating func parseContent(
        depth: Int, scope: [String: String], closing qualifiedName: String
    ) throws(XMLParseError)
        -> [XMLContent]
    {
        var children: [XMLContent] = []
        var text: [UInt8] = []
        func flushText() {
            if !text.isEmpty {
                children.append(.text(String(decoding: text, as: UTF8.self)))
                text.removeAll(keepingCapacity: true)
            }
        }
        while true {
            guard let byte = peek else { throw malformed("the element <\(qualifiedName)> is never closed") }
            if byte == Byte.ampersand {
                try appendReference(to: &text)
            } else if byte != Byte.lessThan {
                if starts(with: Token.cdataEnd) { throw malformed("]]> is not allowed in text") }
                text.append(byte)
                position += 1
            } else if starts(with: Token.endTagStart) {
                flushText()
                let offset = position
                position += 2
                let name = try readName()
                skipWhitespace()
                try expect(Byte.greaterThan, "expected > to end </\(name)")
                guard name == qualifiedName else {
                    let (line, column) = location(of: offset)
                    throw .mismatchedEndTag(expected: qualifiedName, found: name, line: line, column: column)
                }
                return children
            } else if starts(with: Token.commentStart) {
                flushText()
                children.append(.comment(try parseComment()))
            } else if starts(with: Token.cdataStart) {
                text.append(contentsOf: try parseCDATA())
            } else if starts(with: Token.doctype) {
                throw doctypeRefusal()
            } else if starts(with: Token.markupDeclarationStart) {
                throw malformed("unexpected markup declaration")
            } else if starts(with: Token.processingInstructionStart) {
                flushText()
                let instruction = try parseProcessingInstruction()
                children.append(.processingInstruction(target: instruction.target, data: instruction.data))
            } else {
                flushText()
                children.append(.element(try parseElement(depth: depth + 1, scope: scope)))
            }
        }
    }

    /// `<!--` … `-->`, where `--` may not appear inside.
    private mutating func parseComment() throws(XMLParseError) -> String {
        let start = position
        position += Token.commentStart.count
        let contentStart = position
        while position + 1 < bytes.count {
            if bytes[position] == Byte.hyphen, bytes[position + 1] == Byte.hyphen {
                guard position + 2 < bytes.count, bytes[position + 2] == Byte.greaterThan else {
                    throw malformed("-- is not allowed inside a comment")
                }
                let content = String(decoding: bytes[contentStart..<position], as: UTF8.self)
                position += 3
                return content
            }
            position += 1
        }
        throw malformed("the comment is never closed", at: start)
    }

    private mutating func parseCDATA() throws(XMLParseError) -> ArraySlice<UInt8> {
        let start = position
        position += Token.cdataStart.count
        let contentStart = position
        while position < bytes.count {
            if starts(with: Token.cdataEnd) {
                let content = bytes[contentStart..<position]
                position += Token.cdataEnd.count
                return content
            }
            position += 1
        }
        throw malformed("the CDATA section is never closed", at: start)
    }

    private mutating func parseProcessingInstruction() throws(XMLParseError) -> (target: String, data: String) {
        let start = position
        position += Token.processingInstructionStart.count
        let target = try readName()
        guard target.lowercased() != "xml" else { throw malformed("an XML declaration is only allowed at the very start", at: start) }
        guard !target.contains(":") else { throw malformed("a processing instruction target cannot contain a colon", at: start) }
        if starts(with: Token.processingInstructionEnd) {
            position += 2
            return (target, "")
        }
        guard skipWhitespace() else { throw malformed("expected whitespace after the processing instruction target") }
        let dataStart = position
        while position < bytes.count {
            if starts(with: Token.processingInstructionEnd) {
                let data = String(decoding: bytes[dataStart..<position], as: UTF8.self)
                position += 2
                return (target, data)
            }
            position += 1
        }
        throw malformed("the processing instruction is never closed", at: start)
    }

    /// An attribute value with references replaced and literal tabs and line feeds turned into spaces (§3.3.3).
    private mutating func readAttributeValue() throws(XMLParseError) -> String {
        guard let quote = peek, quote == Byte.quote || quote == Byte.apostrophe else {
            throw malformed("an attribute value must be quoted")
        }
        position += 1
        var value: [UInt8] = []
        while true {
            guard let byte = peek else { throw malformed("an attribute value is never closed") }
            if byte == quote {
                position += 1
                return String(decoding: value, as: UTF8.self)
            }
            switch byte {
            case Byte.lessThan: throw malformed("< is not allowed in an attribute value")
            case Byte.ampersand: try appendReference(to: &value)
            case Byte.tab, Byte.lineFeed:
                value.append(Byte.space)
                position += 1
            default:
                value.append(byte)
                position += 1
            }
        }
    }

    /// A literal in the XML declaration: no references are allowed there.
    private mutating func readQuotedLiteral() throws(XMLParseError) -> String {
        guard let quote = peek, quote == Byte.quote || quote == Byte.apostrophe else { throw malformed("expected a quoted value") }
        position += 1
        let start = position
        while let byte = peek, byte != quote { position += 1 }
        guard position < bytes.count else { throw malformed("a quoted value is never closed") }
        let value = String(decoding: bytes[start..<position], as: UTF8.self)
        position += 1
        return value
    }

    /// Replaces `&…;` with its character: one of the five predefined entities or a character reference to a
    /// character XML allows. Every other entity is refused, since without a DTD none can be declared.
    private mutating func appendReference(to buffer: inout [UInt8]) throws(XMLParseError) {
        let start = position
        position += 1
        guard let end = bytes[position...].firstIndex(of: Byte.semicolon), end > position, end - position <= 32 else {
            throw malformed("& must start a reference ending in ;", at: start)
        }
        let body = String(decoding: bytes[position..<end], as: UTF8.self)
        position = end + 1
        if body.hasPrefix("#") {
            let isHex = body.hasPrefix("#x")
            let digits = body.dropFirst(isHex ? 2 : 1)
            guard !digits.isEmpty, digits.allSatisfy({ isHex ? $0.isHexDigit : ("0"..."9").contains($0) }),
                let code = UInt32(digits, radix: isHex ? 16 : 10), Self.isXMLCharacter(code), let scalar = Unicode.Scalar(code)
            else { throw malformed("&\(body); is not a reference to a character XML allows", at: start) }
            buffer.append(contentsOf: Array(String(Character(scalar)).utf8))
            return
        }
        let replacement: UInt8
        switch body {
        case "lt": replacement = Byte.lessThan
        case "gt": replacement = Byte.greaterThan
        case "amp": replacement = Byte.ampersand
        case "apos": replacement = Byte.apostrophe
        case "quot": replacement = Byte.quote
        default:
            let (line, column) = location(of: start)
            throw .undeclaredEntity(name: body, line: line, column: column)
        }
        buffer.append(replacement)
    }

    private static func isXMLCharacter(_ code: UInt32) -> Bool {
        code == 0x9 || code == 0xA || code == 0xD || (0x20...0xD7FF).contains(code) || (0xE000...0xFFFD).contains(code)
            || (0x10000...0x10FFFF).contains(code)
    }

    /// An XML `Name`. Non-ASCII bytes are accepted as name characters without checking their Unicode class: the
    /// input is valid UTF-8 already, and the SAML vocabulary is ASCII, so nothing depends on the finer rule.
    private mutating func readName() throws(XMLParseError) -> String {
        let start = position
        guard let first = peek, Byte.isNameStart(first) else { throw malformed("expected a name") }
        position += 1
        while let byte = peek, Byte.isNameStart(byte) || Byte.isNameContinuation(byte) { position += 1 }
        return String(decoding: bytes[start..<position], as: UTF8.self)
    }

    @discardableResult
    private mutating func skipWhitespace() -> Bool {
        let start = position
        while let byte = peek, Byte.isWhitespace(byte) { position += 1 }
        return position > start
    }

    private mutating func expect(_ byte: UInt8, _ problem: String) throws(XMLParseError) {
        guard peek == byte else { throw malformed(problem) }
        position += 1
    }

    private var peek: UInt8? { position < bytes.count ? bytes[position] : nil }

    private func starts(with token: [UInt8]) -> Bool {
        position + token.count <= bytes.count && bytes[position..<position + token.count].elementsEqual(token)
    }

    private func location(of offset: Int) -> (line: Int, column: Int) {
        var line = 1
        var lineStart = 0
        for index in 0..<min(offset, bytes.count) where bytes[index] == Byte.lineFeed {
            line += 1
            lineStart = index + 1
        }
        return (line, offset - lineStart + 1)
    }

    private func malformed(_ detail: String, at offset: Int? = nil) -> XMLParseError {
        let (line, column) = location(of: offset ?? position)
        return .malformed(detail, line: line, column: column)
    }

    private func doctypeRefusal() -> XMLParseError {
        let (line, column) = location(of: position)
        return .doctypeNotAllowed(line: line, column: column)
    }

    private func invalidCharacter(at offset: Int) -> XMLParseError {
        let (line, column) = location(of: offset)
        return .invalidCharacter(line: line, column: column)
    }
}

/// The byte values the parser compares against, named.
private enum Byte {
    static let tab: UInt8 = 0x09
    static let lineFeed: UInt8 = 0x0A
    static let carriageReturn: UInt8 = 0x0D
    static let space: UInt8 = 0x20
    static let quote: UInt8 = 0x22
    static let ampersand: UInt8 = 0x26
    static let apostrophe: UInt8 = 0x27
    static let hyphen: UInt8 = 0x2D
    static let slash: UInt8 = 0x2F
    static let semicolon: UInt8 = 0x3B
    static let lessThan: UInt8 = 0x3C
    static let equals: UInt8 = 0x3D
    static let greaterThan: UInt8 = 0x3E

    static func isWhitespace(_ byte: UInt8) -> Bool { byte == space || byte == tab || byte == lineFeed || byte == carriageReturn }

    static func isNameStart(_ byte: UInt8) -> Bool {
        (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) || byte == 0x5F || byte == 0x3A || byte >= 0x80
    }

    static func isNameContinuation(_ byte: UInt8) -> Bool { (0x30...0x39).contains(byte) || byte == hyphen || byte == 0x2E }
}

/// Markup the parser recognises by its opening bytes.
private enum Token {
    static let xmlDeclaration = Array("<?xml".utf8)
    static let processingInstructionStart = Array("<?".utf8)
    static let processingInstructionEnd = Array("?>".utf8)
    static let commentStart = Array("<!--".utf8)
    static let cdataStart = Array("<![CDATA[".utf8)
    static let cdataEnd = Array("]]>".utf8)
    static let doctype = Array("<!DOCTYPE".utf8)
    static let markupDeclarationStart = Array("<!".utf8)
    static let endTagStart = Array("</".utf8)
}
