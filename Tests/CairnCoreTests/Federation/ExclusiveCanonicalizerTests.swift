import CairnCore
import Testing

/// Vectors written by hand from the W3C C14N 1.0 §3 examples (re-derived for the exclusive rules) and the
/// Exclusive C14N §2.2 example, plus the namespace edge cases SAML documents hit.
@Suite struct ExclusiveCanonicalizerTests {
    private func canonical(_ xml: String, path: [Int] = [], prefixList: String = "", omitting: Set<Int> = []) throws -> String {
        var element = try StrictXMLParser.parse(xml)
        for index in path { element = element.childElements[index] }
        let bytes = ExclusiveCanonicalizer(prefixList: prefixList).canonicalize(element, omitting: omitting)
        return String(decoding: bytes, as: UTF8.self)
    }

    @Test func startAndEndTagsExample() throws {
        let input = """
            <doc>
               <e1   />
               <e2   ></e2>
               <e3   name = "elem3"   id="elem3"   />
               <e4   name="elem4"   id="elem4"   ></e4>
               <e5 a:attr="out" b:attr="sorted" attr2="all" attr="I'm"
                  xmlns:b="http://www.ietf.org"
                  xmlns:a="http://www.w3.org"
                  xmlns="http://example.org"/>
               <e6 xmlns="" xmlns:a="http://www.w3.org">
                  <e7 xmlns="http://www.ietf.org">
                     <e8 xmlns="" xmlns:a="http://www.w3.org">
                        <e9 xmlns="" xmlns:a="http://www.ietf.org"/>
                     </e8>
                  </e7>
               </e6>
            </doc>
            """
        // Inclusive C14N would keep xmlns:a on e6 and e9; exclusive drops both, since no name there uses `a`.
        let expected = """
            <doc>
               <e1></e1>
               <e2></e2>
               <e3 id="elem3" name="elem3"></e3>
               <e4 id="elem4" name="elem4"></e4>
               <e5 xmlns="http://example.org" xmlns:a="http://www.w3.org" xmlns:b="http://www.ietf.org" attr="I'm" attr2="all" b:attr="sorted" a:attr="out"></e5>
               <e6>
                  <e7 xmlns="http://www.ietf.org">
                     <e8 xmlns="">
                        <e9></e9>
                     </e8>
                  </e7>
               </e6>
            </doc>
            """
        #expect(try canonical(input) == expected)
    }

    @Test func characterModificationsExample() throws {
        let input = """
            <doc>
               <text>First line&#x0d;&#10;Second line</text>
               <value>&#x32;</value>
               <compute><![CDATA[value>"0" && value<"10" ?"valid":"error"]]></compute>
               <compute expr='value>"0" &amp;&amp; value&lt;"10" ?"valid":"error"'>valid</compute>
               <norm attr=' &apos;   &#x20;&#13;&#xa;&#9;   &apos; '/>
               <normNames attr='   A   &#x20;&#13;&#xa;&#9;   B   '/>
            </doc>
            """
        let expected = """
            <doc>
               <text>First line&#xD;
            Second line</text>
               <value>2</value>
               <compute>value&gt;"0" &amp;&amp; value&lt;"10" ?"valid":"error"</compute>
               <compute expr="value>&quot;0&quot; &amp;&amp; value&lt;&quot;10&quot; ?&quot;valid&quot;:&quot;error&quot;">valid</compute>
               <norm attr=" '    &#xD;&#xA;&#x9;   ' "></norm>
               <normNames attr="   A    &#xD;&#xA;&#x9;   B   "></normNames>
            </doc>
            """
        #expect(try canonical(input) == expected)
    }

    @Test func subtreeIsIndependentOfItsContext() throws {
        let first =
            #"<n0:local xmlns:n0="foo:bar" xmlns:n3="ftp://example.org"><n1:elem2 xmlns:n1="http://example.net" xml:lang="en"><n3:stuff xmlns:n3="ftp://example.org"/></n1:elem2></n0:local>"#
        let second =
            #"<n2:pdu xmlns:n1="http://example.com" xmlns:n2="http://foo.example" xml:lang="fr" xml:foo="bar"><n1:elem2 xmlns:n1="http://example.net" xml:lang="en"><n3:stuff xmlns:n3="ftp://example.org"/></n1:elem2></n2:pdu>"#
        let expected = #"<n1:elem2 xmlns:n1="http://example.net" xml:lang="en"><n3:stuff xmlns:n3="ftp://example.org"></n3:stuff></n1:elem2>"#
        #expect(try canonical(first, path: [0]) == expected)
        #expect(try canonical(second, path: [0]) == expected)
    }

    @Test func prefixListRendersInScopeNamespacesWhereTheyAreInScope() throws {
        let first =
            #"<n0:local xmlns:n0="foo:bar" xmlns:n3="ftp://example.org"><n1:elem2 xmlns:n1="http://example.net" xml:lang="en"><n3:stuff xmlns:n3="ftp://example.org"/></n1:elem2></n0:local>"#
        let second =
            #"<n2:pdu xmlns:n1="http://example.com" xmlns:n2="http://foo.example"><n1:elem2 xmlns:n1="http://example.net" xml:lang="en"><n3:stuff xmlns:n3="ftp://example.org"/></n1:elem2></n2:pdu>"#
        #expect(
            try canonical(first, path: [0], prefixList: "n3")
                == #"<n1:elem2 xmlns:n1="http://example.net" xmlns:n3="ftp://example.org" xml:lang="en"><n3:stuff></n3:stuff></n1:elem2>"#)
        #expect(
            try canonical(second, path: [0], prefixList: "n3")
                == #"<n1:elem2 xmlns:n1="http://example.net" xml:lang="en"><n3:stuff xmlns:n3="ftp://example.org"></n3:stuff></n1:elem2>"#)
    }

    @Test func prefixListDefaultToken() throws {
        let xml = #"<a xmlns="urn:d" xmlns:p="urn:p"><p:b/></a>"#
        #expect(try canonical(xml, path: [0]) == #"<p:b xmlns:p="urn:p"></p:b>"#)
        #expect(try canonical(xml, path: [0], prefixList: "#default") == #"<p:b xmlns="urn:d" xmlns:p="urn:p"></p:b>"#)
    }

    @Test func defaultNamespaceUndeclaredOnlyAgainstARenderedOne() throws {
        let xml = #"<a xmlns="urn:a"><b xmlns=""><c/></b></a>"#
        #expect(try canonical(xml) == #"<a xmlns="urn:a"><b xmlns=""><c></c></b></a>"#)
        #expect(try canonical(xml, path: [0]) == "<b><c></c></b>")
    }

    @Test func redeclaredPrefixAndAttributeOnlyUse() throws {
        #expect(
            try canonical(#"<p:a xmlns:p="urn:1"><p:b xmlns:p="urn:2"/><p:c/></p:a>"#)
                == #"<p:a xmlns:p="urn:1"><p:b xmlns:p="urn:2"></p:b><p:c></p:c></p:a>"#)
        #expect(
            try canonical(#"<r xmlns:x="urn:x" xmlns:y="urn:y"><e y:b="2" x:a="1" c="3"/></r>"#)
                == #"<r><e xmlns:x="urn:x" xmlns:y="urn:y" c="3" x:a="1" y:b="2"></e></r>"#)
    }

    @Test func xmlAttributesSortByTheirNamespaceAndNeedNoDeclaration() throws {
        #expect(
            try canonical(#"<a xmlns:z="urn:a" z:k="1" xml:lang="en" id="x"/>"#)
                == #"<a xmlns:z="urn:a" id="x" xml:lang="en" z:k="1"></a>"#)
    }

    @Test func dropsCommentsKeepsProcessingInstructions() throws {
        #expect(try canonical("<r><!-- c --><?pi data?><?empty?>x<![CDATA[]]></r>") == "<r><?pi data?><?empty?>x</r>")
    }

    @Test func omitsTheEnvelopedSignature() throws {
        let xml = #"<r ID="1"> <s:Signature xmlns:s="urn:s"><x/></s:Signature><d>t</d></r>"#
        let root = try StrictXMLParser.parse(xml)
        let signature = root.childElements[0]
        let bytes = ExclusiveCanonicalizer().canonicalize(root, omitting: [signature.documentOrder])
        #expect(String(decoding: bytes, as: UTF8.self) == #"<r ID="1"> <d>t</d></r>"#)
    }

    @Test func escapesWhatMustBeEscaped() throws {
        #expect(
            try canonical("<r a=\"&#9;&#10;&#13;&lt;&gt;&amp;'\">&gt;&lt;&amp;\"'&#13;é</r>")
                == "<r a=\"&#x9;&#xA;&#xD;&lt;>&amp;'\">&gt;&lt;&amp;\"'&#xD;é</r>")
    }
}
