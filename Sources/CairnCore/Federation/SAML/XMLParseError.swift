/// Why the strict parser refused a document. Each case names the rule broken, and `description` says where, so
/// an identity provider's administrator can find the problem from STS's error message alone.
package enum XMLParseError: Error, Sendable, Hashable, CustomStringConvertible {
    case documentTooLarge(bytes: Int, limit: Int)
    case nestingTooDeep(limit: Int, line: Int, column: Int)
    /// DOCTYPE is refused outright: it is the only door to entity expansion and external entities (XXE).
    case doctypeNotAllowed(line: Int, column: Int)
    case undeclaredEntity(name: String, line: Int, column: Int)
    case invalidUTF8
    case unsupportedEncoding(String)
    case invalidCharacter(line: Int, column: Int)
    case unboundPrefix(String, line: Int, column: Int)
    case duplicateAttribute(String, line: Int, column: Int)
    case invalidNamespaceDeclaration(String, line: Int, column: Int)
    case mismatchedEndTag(expected: String, found: String, line: Int, column: Int)
    case malformed(String, line: Int, column: Int)

    package var description: String {
        switch self {
        case .documentTooLarge(let bytes, let limit):
            "The XML document is \(bytes) bytes, over the limit of \(limit)."
        case .nestingTooDeep(let limit, let line, let column):
            "Elements are nested deeper than \(limit) levels at line \(line), column \(column)."
        case .doctypeNotAllowed(let line, let column):
            "A DOCTYPE declaration is not allowed (line \(line), column \(column))."
        case .undeclaredEntity(let name, let line, let column):
            "The entity reference &\(name); is not allowed: only &lt; &gt; &amp; &apos; &quot; and character "
                + "references are (line \(line), column \(column))."
        case .invalidUTF8:
            "The XML document is not valid UTF-8."
        case .unsupportedEncoding(let name):
            "The XML declaration names the encoding \(name); only UTF-8 is accepted."
        case .invalidCharacter(let line, let column):
            "A character not allowed in XML 1.0 appears at line \(line), column \(column)."
        case .unboundPrefix(let prefix, let line, let column):
            "The namespace prefix \(prefix) is used without a declaration (line \(line), column \(column))."
        case .duplicateAttribute(let name, let line, let column):
            "The attribute \(name) appears twice on one element (line \(line), column \(column))."
        case .invalidNamespaceDeclaration(let detail, let line, let column):
            "Invalid namespace declaration: \(detail) (line \(line), column \(column))."
        case .mismatchedEndTag(let expected, let found, let line, let column):
            "The end tag </\(found)> does not close <\(expected)> (line \(line), column \(column))."
        case .malformed(let detail, let line, let column):
            "The XML document is not well-formed: \(detail) (line \(line), column \(column))."
        }
    }
}
