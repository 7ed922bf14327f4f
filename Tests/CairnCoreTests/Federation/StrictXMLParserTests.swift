import CairnCore
import Testing

@Suite struct StrictXMLParserTests {
    @Test func resolvesNamespacesAndKeepsWrittenOrder() throws {
        let root = try StrictXMLParser.parse(
            #"<p:root xmlns:p="urn:p" xmlns="urn:d" z="1" p:a="2" b="3"><child q="x"/><p:other/></p:root>"#)
        #expect(root.name == XMLName(prefix: "p", localName: "root", namespaceURI: "urn:p"))
        #expect(root.namespaceDeclarations == [.init(prefix: "p", uri: "urn:p"), .init(prefix: "", uri: "urn:d")])
        #expect(root.attributes.map(\.name.qualifiedName) == ["z", "p:a", "b"])
        #expect(root.attribute("a", namespace: "urn:p") == "2")
        // Unprefixed attributes are in no namespace, even under a default namespace.
        #expect(root.attributes[0].name.namespaceURI == "")
        #expect(root.childElements.map(\.name.namespaceURI) == ["urn:d", "urn:p"])
        #expect(root.childElements.map(\.documentOrder) == [1, 2])
    }

    @Test func replacesPredefinedEntitiesAndCharacterReferences() throws {
        let root = try StrictXMLParser.parse("<r a='&lt;&gt;&amp;&apos;&quot;&#65;&#x42;'>&#x1F600;&amp;<![CDATA[<&>]]></r>")
        #expect(root.attribute("a") == "<>&'\"AB")
        #expect(root.text == "😀&<&>")
    }

    @Test func normalizesLineEndsAndAttributeWhitespace() throws {
        let root = try StrictXMLParser.parse(Array("<r a=\"x\ty\r\nz\">1\r\n2\r3</r>".utf8))
        #expect(root.attribute("a") == "x y z")
        #expect(root.text == "1\n2\n3")
    }

    @Test func keepsCommentsAndProcessingInstructionsInContent() throws {
        let root = try StrictXMLParser.parse("<?xml version=\"1.0\" encoding=\"utf-8\"?><!-- before --><r>a<!-- c -->b<?pi x y?></r><!-- after -->")
        #expect(root.children == [.text("a"), .comment(" c "), .text("b"), .processingInstruction(target: "pi", data: "x y")])
        #expect(root.text == "ab")
    }

    @Test func refusesDoctypeAndEntities() {
        #expect(throws: XMLParseError.doctypeNotAllowed(line: 1, column: 1)) {
            try StrictXMLParser.parse(#"<!DOCTYPE r [<!ENTITY e "x">]><r>&e;</r>"#)
        }
        #expect(throws: XMLParseError.doctypeNotAllowed(line: 2, column: 1)) {
            try StrictXMLParser.parse("<?xml version=\"1.0\"?>\n<!DOCTYPE r SYSTEM \"file:///etc/passwd\"><r/>")
        }
        #expect(throws: XMLParseError.undeclaredEntity(name: "xxe", line: 1, column: 4)) { try StrictXMLParser.parse("<r>&xxe;</r>") }
    }

    @Test func refusesLimits() {
        let big = "<r>" + String(repeating: "a", count: 300 * 1024) + "</r>"
        #expect(throws: XMLParseError.documentTooLarge(bytes: big.utf8.count, limit: 256 * 1024)) { try StrictXMLParser.parse(big) }
        let deep = String(repeating: "<a>", count: 65) + String(repeating: "</a>", count: 65)
        #expect(throws: XMLParseError.nestingTooDeep(limit: 64, line: 1, column: 64 * 3 + 1)) { try StrictXMLParser.parse(deep) }
        let fine = String(repeating: "<a>", count: 64) + String(repeating: "</a>", count: 64)
        #expect(throws: Never.self) { try StrictXMLParser.parse(fine) }
    }

    @Test(arguments: [
        ("<r><a></b></r>", "mismatched"),
        ("<r a='1' a='2'/>", "duplicate"),
        ("<r xmlns:p='urn:x' xmlns:q='urn:x' p:a='1' q:a='2'/>", "duplicate"),
        ("<p:r/>", "unbound"),
        ("<r xmlns:p=''/>", "namespace"),
        ("<r xmlns:xml='urn:other'/>", "namespace"),
        ("<r/><r/>", "malformed"),
        ("<r>]]></r>", "malformed"),
        ("<r><!-- a -- b --></r>", "malformed"),
        ("<r a=1/>", "malformed"),
        ("<r a='<'/>", "malformed"),
        ("<r>&#0;</r>", "malformed"),
        ("<r>&#xD800;</r>", "malformed"),
        ("<r>&amp</r>", "malformed"),
        ("<r a='1'b='2'/>", "malformed"),
        ("<r><?xml version='1.0'?></r>", "malformed"),
        ("<r>", "malformed"),
        ("text<r/>", "malformed"),
        ("<r>\u{1}</r>", "character"),
        ("<?xml version='1.0' encoding='ISO-8859-1'?><r/>", "encoding"),
    ])
    func refusesMalformedInput(document: String, kind: String) {
        do {
            _ = try StrictXMLParser.parse(document)
            Issue.record("\(document) was accepted")
        } catch {
            let matches: Bool =
                switch (error, kind) {
                case (.mismatchedEndTag, "mismatched"), (.duplicateAttribute, "duplicate"), (.unboundPrefix, "unbound"),
                    (.invalidNamespaceDeclaration, "namespace"), (.malformed, "malformed"), (.invalidCharacter, "character"),
                    (.unsupportedEncoding, "encoding"):
                    true
                default: false
                }
            #expect(matches, "\(document): \(error)")
        }
    }

    @Test func refusesInvalidUTF8() {
        #expect(throws: XMLParseError.invalidUTF8) { try StrictXMLParser.parse([0x3C, 0x72, 0x3E, 0xC3, 0x28, 0x3C, 0x2F, 0x72, 0x3E]) }
    }

    @Test func errorMessagesSayWhereAndWhat() {
        do {
            _ = try StrictXMLParser.parse("<r>\n  <a>\n</r>")
        } catch {
            #expect(error.description == "The end tag </r> does not close <a> (line 3, column 1).")
        }
    }
}
