/// Exclusive XML Canonicalization 1.0, omitting comments (http://www.w3.org/2001/10/xml-exc-c14n#), of one element's
/// subtree. It is the only canonicalization Cairn accepts in a signature: unlike inclusive C14N, its output for an
/// assertion does not depend on the namespaces of whatever envelope the assertion travels in, so what the identity
/// provider signed and what Cairn digests are the same bytes wherever the element sits.
package struct ExclusiveCanonicalizer: Sendable, Hashable {
    package static let algorithm = "http://www.w3.org/2001/10/xml-exc-c14n#"

    /// The InclusiveNamespaces PrefixList: prefixes treated as inclusive C14N treats them (rendered where in scope,
    /// whether or not visibly used). "" stands for the list's `#default`.
    package let inclusivePrefixes: Set<String>

    package init(inclusivePrefixes: Set<String> = []) {
        self.inclusivePrefixes = inclusivePrefixes
    }

    /// Reads a PrefixList attribute value: whitespace-separated prefixes, `#default` for the default namespace.
    package init(prefixList: String) {
        let tokens = prefixList.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" })
        inclusivePrefixes = Set(tokens.map { $0 == "#default" ? "" : String($0) })
    }

    /// The canonical octets of `element`'s subtree, leaving out each element (with its subtree) whose
    /// `documentOrder` is in `omitted`: that is how the enveloped-signature transform drops the ds:Signature.
    package func canonicalize(_ element: XMLElementNode, omitting omitted: Set<Int> = []) -> [UInt8] {
        var output: [UInt8] = []
        write(element, renderedByAncestors: [:], omitting: omitted, into: &output)
        return output
    }

    private func write(
        _ element: XMLElementNode, renderedByAncestors: [String: String], omitting omitted: Set<Int>, into output: inout [UInt8]
    ) {
        var candidates: Set<String> = [element.name.prefix]
        for attribute in element.attributes where !attribute.name.prefix.isEmpty {
            candidates.insert(attribute.name.prefix)
        }
        candidates.formUnion(inclusivePrefixes)
        candidates.remove("xml")

        var rendered = renderedByAncestors
        var declarations: [(prefix: String, uri: String)] = []
        for prefix in candidates {
            let uri = element.inScopeNamespaces[prefix] ?? ""
            // A prefix from the PrefixList that is not in scope here has no namespace node to render.
            if !prefix.isEmpty, uri.isEmpty { continue }
            // Already in effect from the nearest output ancestor that rendered it. For the default namespace, an
            // ancestor that rendered nothing counts as xmlns="": `xmlns=""` is written only to undo a default
            // namespace that an output ancestor did render.
            if (renderedByAncestors[prefix] ?? "") == uri { continue }
            declarations.append((prefix, uri))
            rendered[prefix] = uri
        }
        declarations.sort { $0.prefix.utf8.lexicographicallyPrecedes($1.prefix.utf8) }

        let attributes = element.attributes.sorted { left, right in
            if left.name.namespaceURI != right.name.namespaceURI {
                return left.name.namespaceURI.utf8.lexicographicallyPrecedes(right.name.namespaceURI.utf8)
            }
            return left.name.localName.utf8.lexicographicallyPrecedes(right.name.localName.utf8)
        }

        let name = element.name.qualifiedName
        output.append(UInt8(ascii: "<"))
        output.append(contentsOf: name.utf8)
        for declaration in declarations {
            output.append(contentsOf: declaration.prefix.isEmpty ? Array(" xmlns=\"".utf8) : Array(" xmlns:\(declaration.prefix)=\"".utf8))
            Self.appendEscapedAttributeValue(declaration.uri, to: &output)
            output.append(UInt8(ascii: "\""))
        }
        for attribute in attributes {
            output.append(UInt8(ascii: " "))
            output.append(contentsOf: attribute.name.qualifiedName.utf8)
            output.append(contentsOf: "=\"".utf8)
            Self.appendEscapedAttributeValue(attribute.value, to: &output)
            output.append(UInt8(ascii: "\""))
        }
        output.append(UInt8(ascii: ">"))

        for child in element.children {
            switch child {
            case .element(let inner):
                if !omitted.contains(inner.documentOrder) {
                    write(inner, renderedByAncestors: rendered, omitting: omitted, into: &output)
                }
            case .text(let text):
                Self.appendEscapedText(text, to: &output)
            case .comment:
                break
            case .processingInstruction(let target, let data):
                output.append(contentsOf: "<?".utf8)
                output.append(contentsOf: target.utf8)
                if !data.isEmpty {
                    output.append(UInt8(ascii: " "))
                    output.append(contentsOf: data.utf8)
                }
                output.append(contentsOf: "?>".utf8)
            }
        }
        output.append(contentsOf: "</".utf8)
        output.append(contentsOf: name.utf8)
        output.append(UInt8(ascii: ">"))
    }

    /// Text nodes: `&`, `<`, `>` and carriage return (which can only come from `&#xD;`) are escaped.
    private static func appendEscapedText(_ text: String, to output: inout [UInt8]) {
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "&"): output.append(contentsOf: "&amp;".utf8)
            case UInt8(ascii: "<"): output.append(contentsOf: "&lt;".utf8)
            case UInt8(ascii: ">"): output.append(contentsOf: "&gt;".utf8)
            case 0x0D: output.append(contentsOf: "&#xD;".utf8)
            default: output.append(byte)
            }
        }
    }

    /// Attribute values: `&`, `<`, `"` and the three whitespace characters that normalization would otherwise lose.
    private static func appendEscapedAttributeValue(_ value: String, to output: inout [UInt8]) {
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "&"): output.append(contentsOf: "&amp;".utf8)
            case UInt8(ascii: "<"): output.append(contentsOf: "&lt;".utf8)
            case UInt8(ascii: "\""): output.append(contentsOf: "&quot;".utf8)
            case 0x09: output.append(contentsOf: "&#x9;".utf8)
            case 0x0A: output.append(contentsOf: "&#xA;".utf8)
            case 0x0D: output.append(contentsOf: "&#xD;".utf8)
            default: output.append(byte)
            }
        }
    }
}
