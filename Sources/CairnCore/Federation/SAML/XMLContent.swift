/// A child of an element, in document order. CDATA sections arrive as `.text`: they are only another way of writing
/// characters, and canonical XML makes no difference between the two.
package enum XMLContent: Sendable, Hashable {
    case element(XMLElementNode)
    case text(String)
    case comment(String)
    case processingInstruction(target: String, data: String)
}
